package dev.plugboard.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.fixtures.FileBackedProvisioningProvider;
import dev.plugboard.host.plugin.FixtureJars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisioningCommandsTest {
    @TempDir
    Path work;
    Path plugins;
    Path config;
    Path state;

    @BeforeEach
    void install() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = new FixtureJars(Files.createDirectories(work.resolve("build"))).jar("filegrants.jar")
                .classes(FileBackedProvisioningProvider.class)
                .service(FileBackedProvisioningProvider.class.getName()).build();
        Files.move(jar, plugins.resolve("filegrants.jar"));
        state = work.resolve("grants.txt");
        config = Files.writeString(work.resolve("c.json"), "{\"stateFile\": \"" + state + "\"}");
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--plugins";
        all[1] = plugins.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        all[all.length - 2] = "--config";
        all[all.length - 1] = config.toString();
        return CliRun.of(all);
    }

    @Test
    void grantThenRepeatThenRevokeByGrantIdThenRepeat() throws Exception {
        CliRun dry = run("grant", "filegrants", "--entitlement", "team:1:member", "--principal", "user:3", "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).isEqualTo("dry run: would grant team:1:member to user:3\n  would send: POST /teams/1/members/3\n");
        assertThat(state).doesNotExist();

        CliRun grant = run("grant", "filegrants", "--entitlement", "team:1:member", "--principal", "user:3");
        assertThat(grant.exitCode()).isZero();
        assertThat(grant.out()).isEqualTo("done: granted team:1:member to user:3\n  sent: POST /teams/1/members/3\n");
        assertThat(Files.readAllLines(state)).containsExactly("team:1:member user:3");

        CliRun again = run("grant", "filegrants", "--entitlement", "team:1:member", "--principal", "user:3");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("already so: user:3 already holds team:1:member\n");

        CliRun revoke = run("revoke", "filegrants", "--grant", "team:1:member:user:3", "--json");
        assertThat(revoke.exitCode()).isZero();
        assertThat(revoke.out()).isEqualTo("""
                {
                  "outcome" : "DONE",
                  "message" : "revoked team:1:member from user:3",
                  "requests" : [ "DELETE /teams/1/members/3" ]
                }
                """);
        assertThat(Files.readAllLines(state)).isEmpty();

        CliRun revokeAgain = run("revoke", "filegrants", "--entitlement", "team:1:member", "--principal", "user:3");
        assertThat(revokeAgain.out()).isEqualTo("already so: user:3 does not hold team:1:member\n");
    }

    @Test
    void pendingUnknownAndMalformedEachHaveTheirExitCode() {
        CliRun pending = run("grant", "filegrants", "--entitlement", "team:2:member", "--principal", "user:3");
        assertThat(pending.exitCode()).isEqualTo(10);
        assertThat(pending.out()).startsWith("needs action: team 2 needs approval: an access request was created\n");

        CliRun unknown = run("grant", "filegrants", "--entitlement", "role:x:assigned", "--principal", "user:3");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).isEqualTo("plugboard: no entitlement role:x:assigned; sync to see the entitlement ids\n");

        CliRun malformed = run("revoke", "filegrants", "--grant", "team7");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).isEqualTo("plugboard: --grant: 'team7' is not a grant id of the form ENTITLEMENT:TYPE:ID"
                + " (e.g. team:7:member:user:42); use the id a sync lists, or give --entitlement and --principal\n");

        CliRun badPrincipal = run("grant", "filegrants", "--entitlement", "team:1:member", "--principal", "42");
        assertThat(badPrincipal.exitCode()).isEqualTo(2);
        assertThat(badPrincipal.err()).isEqualTo("plugboard: --principal: expected TYPE:ID (e.g. user:42), got '42'\n");

        CliRun both = run("revoke", "filegrants", "--grant", "team:1:member:user:3", "--entitlement", "team:1:member",
                "--principal", "user:3");
        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void accountCreateAndTheDefaultRefusalOfDelete() {
        CliRun create = run("account", "create", "filegrants", "--set", "email=ada@example.com", "--set", "role=member");
        assertThat(create.exitCode()).isEqualTo(10);
        assertThat(create.out()).isEqualTo("needs action: invitation sent to ada@example.com; the account is active once accepted\n"
                + "  account: user:9\n  sent: POST /members/ {email: ada@example.com}\n");
        CliRun delete = run("account", "delete", "filegrants", "--account", "user:9");
        assertThat(delete.exitCode()).isEqualTo(3);
        assertThat(delete.err()).isEqualTo("plugboard: this connector cannot delete accounts\n");

        CliRun unsplit = run("account", "create", "filegrants", "--set", "email");
        assertThat(unsplit.exitCode()).isEqualTo(2);
        assertThat(unsplit.err()).isEqualTo("plugboard: --set: expected KEY=VALUE, got 'email'\n");
    }
}
