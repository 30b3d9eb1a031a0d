package dev.plugboard.host.runtime;

import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.spi.ConnectorLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A plugin's logger: SLF4J under {@code plugboard.plugin.<id>}, with every configured secret masked. */
final class MaskingLogger implements ConnectorLogger {
    private final Logger log;
    private final SecretMasker masker;

    MaskingLogger(String pluginId, SecretMasker masker) {
        this.log = LoggerFactory.getLogger("plugboard.plugin." + pluginId);
        this.masker = masker;
    }

    @Override
    public void debug(String message) {
        if (log.isDebugEnabled()) {
            log.debug(masker.mask(message));
        }
    }

    @Override
    public void info(String message) {
        log.info(masker.mask(message));
    }

    @Override
    public void warn(String message) {
        log.warn(masker.mask(message));
    }
}
