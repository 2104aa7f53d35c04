package org.autoknots.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.autoknots.api.FunctionInstance;

/**
 * A function's domain, checked on a tabulation range before anything is evaluated.
 *
 * <p>The plugin API has no notion of a domain yet. Until it has, a function declares one by
 * giving its instance's class (public) a method {@code public void checkDomain(double lower,
 * double upper)} that throws {@link IllegalArgumentException}, with a message in the function's
 * own terms, when the range [lower, upper] is not inside its domain (the halo profiles: "r must be
 * &gt; 0 (its domain), got the range [-1.0, 10.0]; ..."). It is found by name, so a plugin needs
 * nothing beyond the API to declare it; an instance without it (e.g. a formula) is not checked
 * and, as before, the engine stops at the first x where f is NaN or infinite.
 */
final class FunctionDomain {

    /** The method's name, documented for plugin authors in docs/plugins.md. */
    static final String METHOD = "checkDomain";

    private FunctionDomain() {
    }

    /**
     * @return the function's objection to [lower, upper] (its exception's message), or empty when
     *         the range is fine or the function declares no domain
     * @throws IllegalStateException when the check itself fails other than by rejecting the range
     */
    static Optional<String> problem(FunctionInstance f, double lower, double upper) {
        Method m;
        try {
            m = f.getClass().getMethod(METHOD, double.class, double.class);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
        if (Modifier.isStatic(m.getModifiers()) || m.getReturnType() != void.class) {
            return Optional.empty();
        }
        m.trySetAccessible(); // a public method of a nested or package-private class
        try {
            m.invoke(f, lower, upper);
            return Optional.empty();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return Optional.of(cause.getMessage().replaceAll("\\s*\\R\\s*", " ").trim());
            }
            throw new IllegalStateException(METHOD + " of " + f.getClass().getName() + " failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            return Optional.empty(); // the module rules forbid the call: the function is not checked
        }
    }
}
