package org.autoknots.config;

import java.util.Map;

/**
 * The pipeline's {@code function:}: an extension id and its parameters.
 *
 * @param id              a target function id of a loaded plugin
 * @param params          numbers as Double, text as String, in file order
 * @param hasClosedForms  whether the bound function publishes Σ and Σ̄ closed forms
 */
public record FunctionSpec(String id, Map<String, Object> params, boolean hasClosedForms) {
}
