package dev.plugboard.host.cli;

import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoreLocation;
import dev.plugboard.host.store.StoreOpener;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --store PATH|URL} and {@code --connection NAME}, for the commands that use the store. */
public final class StoreOptions {
    @Option(names = "--store", paramLabel = "PATH|URL",
            description = {"The store: an SQLite file, or jdbc:postgresql://HOST/DB?user=U&password=$${env:NAME}",
                "(default: $PLUGBOARD_STORE, else $PLUGBOARD_HOME/plugboard.db, else ~/.plugboard/plugboard.db)."})
    private String store;

    @Option(names = "--connection", paramLabel = "NAME",
            description = "The connection (a plugin and its configuration), by name, e.g. acme-sentry.")
    private String connection;

    /** @return the connection name, when given */
    public Optional<String> connection() {
        return Optional.ofNullable(connection);
    }

    /** @return where the store is */
    public StoreLocation location() {
        try {
            return StoreLocation.resolve(Optional.ofNullable(store), name -> Optional.ofNullable(System.getenv(name)),
                    Path.of(System.getProperty("user.home")));
        } catch (StoreException e) {
            throw failure(e);
        }
    }

    /** @return the store, open and migrated; close it when done */
    public Store open() {
        StoreLocation location = location();
        try {
            return StoreOpener.open(location, VersionProvider.hostVersion());
        } catch (StoreException e) {
            throw failure(e);
        }
    }

    /**
     * @param e a store failure
     * @return its exit code: usage, store, or busy
     */
    static ExitCode exitCode(StoreException e) {
        return switch (e.problem()) {
            case USAGE -> ExitCode.USAGE;
            case UNAVAILABLE, AUTHENTICATION -> ExitCode.STORE;
            case CONFLICT -> ExitCode.BUSY;
        };
    }

    /**
     * @param e a store failure
     * @return the command failure for it
     */
    static HostException failure(StoreException e) {
        return new HostException(exitCode(e), e.getMessage(), e);
    }
}
