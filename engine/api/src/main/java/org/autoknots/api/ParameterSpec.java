package org.autoknots.api;

import java.util.Objects;

/**
 * Describes one named parameter of a {@link TargetFunction}.
 *
 * @param name         the key users write under {@code params:} (e.g. {@code rho_s})
 * @param type         number or text
 * @param description  the parameter's role, one line (e.g. "scale density")
 * @param unit         a free-text unit hint ("user's mass/length^3"), or "" when none applies
 * @param defaultValue the default (a {@link Double} or {@link String}), or {@code null} when required
 */
public record ParameterSpec(String name, Type type, String description, String unit, Object defaultValue) {

    /** The kind of value a parameter takes. */
    public enum Type { NUMBER, TEXT }

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        unit = unit == null ? "" : unit;
    }

    /** A required number. */
    public static ParameterSpec number(String name, String description, String unit) {
        return new ParameterSpec(name, Type.NUMBER, description, unit, null);
    }

    /** A number with a default. */
    public static ParameterSpec number(String name, String description, String unit, double defaultValue) {
        return new ParameterSpec(name, Type.NUMBER, description, unit, defaultValue);
    }

    /** A required text value. */
    public static ParameterSpec text(String name, String description) {
        return new ParameterSpec(name, Type.TEXT, description, "", null);
    }

    /** A text value with a default. */
    public static ParameterSpec text(String name, String description, String defaultValue) {
        return new ParameterSpec(name, Type.TEXT, description, "", defaultValue);
    }

    /** @return true when the parameter has no default */
    public boolean required() {
        return defaultValue == null;
    }
}
