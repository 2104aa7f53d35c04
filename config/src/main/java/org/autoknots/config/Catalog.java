package org.autoknots.config;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What the loaded plugins offer, as the semantic check of a pipeline needs it. The application
 * implements it over its plugin registry; the config module needs neither the engine nor PF4J.
 */
public interface Catalog {

    /** @return the ids of the loaded target functions, e.g. {@code nfw} */
    Collection<String> functionIds();

    /** @return the ids of the available spline kinds, e.g. {@code not-a-knot} */
    Collection<String> splineKinds();

    /**
     * Binds the parameters to the function, exactly as a run would, to surface parameter errors
     * before anything runs.
     *
     * @param functionId one of {@link #functionIds()}
     * @param params     numbers as {@link Double}, text as {@link String}
     * @return true when the bound function has closed forms of Σ and Σ̄
     * @throws org.autoknots.api.ParameterException naming the parameter when a value is missing,
     *         unknown or invalid
     */
    boolean bind(String functionId, Map<String, Object> params);

    /**
     * The parameters a function cannot do without (those without a default), for the message
     * about an empty {@code params:}.
     *
     * @param functionId one of {@link #functionIds()}
     * @return their names in the function's order; empty when none, or when not known
     */
    default java.util.List<String> requiredParameters(String functionId) {
        return java.util.List.of();
    }

    /**
     * Where a function comes from, for messages about it.
     *
     * @param functionId one of {@link #functionIds()}
     * @return e.g. "plugin halo-profiles, loaded from /opt/autoknots/plugins/halo.jar", or empty
     *         when unknown
     */
    default Optional<String> origin(String functionId) {
        return Optional.empty();
    }

    /**
     * Checks, without evaluating the function, that a tabulation range lies in its domain, for
     * functions that declare one (e.g. a density profile: r &gt; 0).
     *
     * @param functionId one of {@link #functionIds()}, with parameters {@link #bind} accepted
     * @param params     as given to {@link #bind}
     * @param lower      the range start a
     * @param upper      the range end b
     * @return what is wrong, in the function's words (e.g. "r must be &gt; 0 (its domain), got the
     *         range [-1.0, 10.0]; ..."), or empty when the range is fine or no domain is declared
     */
    default Optional<String> domainProblem(String functionId, Map<String, Object> params, double lower, double upper) {
        return Optional.empty();
    }
}
