package org.autoknots.cli;

import java.util.Optional;
import org.autoknots.api.FunctionInstance;

/**
 * A function's domain, checked on a tabulation range before anything is evaluated, by
 * {@link FunctionInstance#checkDomain(double, double)}: its rejection becomes a one-line message.
 */
final class FunctionDomain {

    private FunctionDomain() {
    }

    /**
     * @return the function's objection to [lower, upper] (its exception's message, on one line),
     *         or empty when the range is fine
     * @throws IllegalStateException when the check itself fails other than by rejecting the range
     *         with a message
     */
    static Optional<String> problem(FunctionInstance f, double lower, double upper) {
        try {
            f.checkDomain(lower, upper);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && !e.getMessage().isBlank()) {
                return Optional.of(e.getMessage().replaceAll("\\s*\\R\\s*", " ").trim());
            }
            throw new IllegalStateException("checkDomain of " + f.getClass().getName() + " failed: " + e, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("checkDomain of " + f.getClass().getName() + " failed: " + e, e);
        }
    }
}
