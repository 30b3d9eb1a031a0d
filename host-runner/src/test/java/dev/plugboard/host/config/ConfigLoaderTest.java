package dev.plugboard.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(name -> Optional.ofNullable(Map.of(
            "SENTRY_TOKEN", "sntryi_fake_from_env", "REGION", "de").get(name)));

    @Test
    void readsYamlAndResolvesEnvAndFileReferencesAnywhereInAString() throws Exception {
        Files.writeString(dir.resolve("token.txt"), "sntryi_fake_from_file\n");
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                authToken: ${env:SENTRY_TOKEN}
                otherToken: ${file:token.txt}
                baseUrl: https://${env:REGION}.sentry.io
                literal: $${env:NOT_RESOLVED}
                nested:
                  list: ["${env:REGION}", 3]
                """);
        ObjectNode node = loader.load(config);
        assertThat(node.toString()).isEqualTo("{\"authToken\":\"sntryi_fake_from_env\",\"otherToken\":\"sntryi_fake_from_file\","
                + "\"baseUrl\":\"https://de.sentry.io\",\"literal\":\"${env:NOT_RESOLVED}\",\"nested\":{\"list\":[\"de\",3]}}");
    }

    @Test
    void readsStandardInputForADashRecognisingYamlOrJsonByContent() throws Exception {
        Files.writeString(Path.of("").toAbsolutePath().resolve("target").resolve("stdin-token.txt"), "from-file\n");
        ConfigLoader yaml = new ConfigLoader(name -> Optional.of("from-env"), () -> new java.io.ByteArrayInputStream(
                "# the org\norganization: acme\nauthToken: ${env:T}\nother: ${file:target/stdin-token.txt}\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(yaml.load(Path.of("-")).toString())
                .isEqualTo("{\"organization\":\"acme\",\"authToken\":\"from-env\",\"other\":\"from-file\"}");
        ConfigLoader json = new ConfigLoader(name -> Optional.empty(), () -> new java.io.ByteArrayInputStream(
                "  {\"organization\": \"acme\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(json.load(Path.of("-")).toString()).isEqualTo("{\"organization\":\"acme\"}");
        ConfigLoader broken = new ConfigLoader(name -> Optional.empty(), () -> new java.io.ByteArrayInputStream(
                "{\"organization\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> broken.load(Path.of("-"))).isInstanceOf(ConfigException.class)
                .message().startsWith("the config on standard input is not valid JSON at line 1");
    }

    @Test
    void aFileWithoutAYamlExtensionIsReadAsYamlWhenItIsYaml() throws Exception {
        Path conf = dir.resolve("sentry.conf");
        Files.writeString(conf, "organization: acme\nmaxConcurrency: 4\n");
        assertThat(loader.load(conf).toString()).isEqualTo("{\"organization\":\"acme\",\"maxConcurrency\":4}");
        Path noExtension = dir.resolve("sentry");
        Files.writeString(noExtension, "\n{\"organization\": \"acme\"}\n");
        assertThat(loader.load(noExtension).toString()).isEqualTo("{\"organization\":\"acme\"}");
        assertThat(ConfigLoader.isYaml(Optional.of(Path.of("x.json")), "organization: acme")).isFalse();
        assertThat(ConfigLoader.isYaml(Optional.of(Path.of("x.YML")), "{}")).isTrue();
    }

    @Test
    void readsJson() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"organization\": \"acme\", \"maxConcurrency\": 4}");
        assertThat(loader.load(config).toString()).isEqualTo("{\"organization\":\"acme\",\"maxConcurrency\":4}");
    }

    @Test
    void saysWhichReferenceCannotBeResolved() throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "auth:\n  token: ${env:MISSING_TOKEN}\n");
        assertThatThrownBy(() -> loader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessage(config + ": /auth/token refers to ${env:MISSING_TOKEN}, but the environment variable"
                        + " MISSING_TOKEN is not set");
        Files.writeString(config, "token: ${file:secret/none.txt}\n");
        assertThatThrownBy(() -> loader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessage(config + ": /token refers to ${file:secret/none.txt}, but " + dir.resolve("secret/none.txt")
                        + " does not exist");
    }

    @Test
    void aSyntaxErrorNeverQuotesTheFileText() throws Exception {
        String token = "sntryu_fake_secret_value_0123456789";
        Path json = dir.resolve("token.json");
        Files.writeString(json, "{\"organization\": \"acme\", \"authToken\": " + token + "}");
        assertThatThrownBy(() -> loader.load(json)).isInstanceOf(ConfigException.class)
                .hasNoCause()
                .hasMessage("config file " + json + " is not valid JSON at line 1, column 74: Unrecognized token '…':"
                        + " was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
        Path yaml = dir.resolve("token.yaml");
        Files.writeString(yaml, "organization: acme\nauthToken: \"" + token + "\n");
        assertThatThrownBy(() -> loader.load(yaml)).isInstanceOf(ConfigException.class)
                .hasNoCause()
                .message().doesNotContain(token).doesNotContain("sntryu")
                .startsWith("config file " + yaml + " is not valid YAML at line ");
    }

    @Test
    void saysWhereAFileIsMalformedOrNotAnObject() throws Exception {
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "{\"a\": 1,,}");
        assertThatThrownBy(() -> loader.load(json)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config file " + json + " is not valid JSON at line 1, column 9: ");
        Path yaml = dir.resolve("list.yml");
        Files.writeString(yaml, "- a\n- b\n");
        assertThatThrownBy(() -> loader.load(yaml)).isInstanceOf(ConfigException.class)
                .hasMessage("config file " + yaml + " must hold one object of settings, but holds a list");
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> loader.load(empty)).isInstanceOf(ConfigException.class)
                .hasMessage("config file " + empty + " is empty: it must hold one object of settings"
                        + " (see 'plugboard spec <plugin>')");
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"))).isInstanceOf(ConfigException.class)
                .hasMessage("config file " + dir.resolve("nope.yaml") + " does not exist");
    }

    @Test
    void aFileReferenceToAnEndlessOrHugeFileIsRefusedWithoutReadingItAll() throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "authToken: ${file:/dev/zero}\n");
        assertThatThrownBy(() -> loader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessage(config + ": /authToken refers to ${file:/dev/zero}, but /dev/zero is larger than 1 MiB"
                        + " (or never ends): name a file holding only the value");
        Path huge = dir.resolve("huge.txt");
        Files.write(huge, new byte[ConfigLoader.MAX_FILE_BYTES + 1]);
        Files.writeString(config, "authToken: ${file:huge.txt}\n");
        assertThatThrownBy(() -> loader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("refers to ${file:huge.txt}, but " + huge + " is larger than 1 MiB");
        Files.write(huge, new byte[ConfigLoader.MAX_FILE_BYTES]);
        assertThat(loader.load(config).get("authToken").asText()).hasSize(ConfigLoader.MAX_FILE_BYTES);
    }

    @Test
    void aConfigFileLargerThanTheCapIsRefused() throws Exception {
        Path config = dir.resolve("big.json");
        Files.writeString(config, "{\"a\": \"" + "x".repeat(ConfigLoader.MAX_FILE_BYTES) + "\"}");
        assertThatThrownBy(() -> loader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessage("config file " + config + " is larger than 1 MiB: it must hold one object of settings");
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        Path json = dir.resolve("bom.json");
        Files.write(json, ("\uFEFF{\"organization\": \"acme\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(loader.load(json).toString()).isEqualTo("{\"organization\":\"acme\"}");
        Path yaml = dir.resolve("bom.yaml");
        Files.write(yaml, ("\uFEFForganization: acme\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(loader.load(yaml).toString()).isEqualTo("{\"organization\":\"acme\"}");
    }

    @Test
    void aKeySetTwiceIsAnErrorInJsonAndYaml() throws Exception {
        Path json = dir.resolve("dup.json");
        Files.writeString(json, "{\"authToken\": \"sntryu_first\",\n \"authToken\": \"sntryu_second\"}");
        assertThatThrownBy(() -> loader.load(json)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config file " + json + " sets 'authToken' twice at line 2")
                .hasMessageEndingWith(": keep one (a later value would silently override the first)")
                .message().doesNotContain("sntryu_");
        Path yaml = dir.resolve("dup.yaml");
        Files.writeString(yaml, "organization: acme\nauthToken: a\nauthToken: b\n");
        assertThatThrownBy(() -> loader.load(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config file " + yaml + " sets 'authToken' twice at line ");
    }
}
