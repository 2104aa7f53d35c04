package org.autoknots.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameter values given to {@link TargetFunction#create(Parameters)}: numbers as
 * {@link Double}, text as {@link String}. Immutable.
 *
 * <p>The accessors validate and throw {@link ParameterException} with messages that name the
 * parameter and the value, so plugins need little code of their own.
 */
public final class Parameters {

    private final Map<String, Object> values;

    private Parameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @param values numbers ({@link Number}) and text ({@link String}) by name */
    public static Parameters of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v instanceof Number n && !(v instanceof Double) ? n.doubleValue() : v));
        return new Parameters(copy);
    }

    /** @return the names given, in order */
    public Set<String> names() {
        return values.keySet();
    }

    /** @return the raw values by name */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** @return the number named {@code name}; fails if it is missing, not a number, or not finite */
    public double number(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new ParameterException(name, "missing parameter '" + name + "'");
        }
        if (!(v instanceof Number n)) {
            throw new ParameterException(name, "parameter '" + name + "' must be a number, got '" + v + "'");
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new ParameterException(name, "parameter '" + name + "' must be finite, got " + d);
        }
        return d;
    }

    /** @return the number named {@code name}, or {@code defaultValue} when absent */
    public double number(String name, double defaultValue) {
        return has(name) ? number(name) : defaultValue;
    }

    /** @return the number named {@code name}; fails unless it is finite and &gt; 0 */
    public double positive(String name) {
        double d = number(name);
        if (!(d > 0)) {
            throw new ParameterException(name, "parameter '" + name + "' must be positive and finite, got " + d);
        }
        return d;
    }

    /** @return the text named {@code name}; fails if missing or not text */
    public String text(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new ParameterException(name, "missing parameter '" + name + "'");
        }
        if (!(v instanceof String s)) {
            throw new ParameterException(name, "parameter '" + name + "' must be text, got " + v);
        }
        return s;
    }

    /** @return the text named {@code name}, or {@code defaultValue} when absent */
    public String text(String name, String defaultValue) {
        return has(name) ? text(name) : defaultValue;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
