package dev.plugboard.host.report;

import dev.plugboard.host.config.SchemaError;
import java.util.List;
import java.util.stream.Collectors;

/** Report parameters that cannot be used: a malformed {@code --param}, or values that break the report's schema. */
public final class ParameterException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<SchemaError> errors;

    /**
     * @param message what is wrong and how to fix it
     * @param errors  the schema errors, with JSON pointers; empty for a malformed argument
     */
    public ParameterException(String message, List<SchemaError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /**
     * @param report the report id
     * @param errors the schema errors
     * @return an exception listing every error
     */
    static ParameterException invalid(String report, List<SchemaError> errors) {
        return new ParameterException("the parameters of report '" + report + "' are not valid (" + errors.size()
                + (errors.size() == 1 ? " error" : " errors") + "):\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")), errors);
    }

    /** @return the schema errors, with JSON pointers (empty for a malformed argument) */
    public List<SchemaError> errors() {
        return errors;
    }
}
