package org.autoknots.api;

/**
 * A parameter value a function cannot accept. The message says what was wrong and what is
 * valid; {@link #parameter()} names the offending key so callers can point at it in a file.
 */
public class ParameterException extends IllegalArgumentException {

    private final String parameter;

    public ParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** @return the parameter's name, or {@code null} when the problem is not tied to one */
    public String parameter() {
        return parameter;
    }
}
