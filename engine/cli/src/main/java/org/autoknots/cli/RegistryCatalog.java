package org.autoknots.cli;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autoknots.api.FunctionInstance;
import org.autoknots.config.Catalog;

/** The {@link Catalog} a pipeline is checked against: what the {@link PluginRegistry} loaded. */
public final class RegistryCatalog implements Catalog {

    private final PluginRegistry registry;
    /** instances bound by {@link #bind}, by function id and parameters: each is created once */
    private final Map<List<Object>, FunctionInstance> bound = new HashMap<>();

    public RegistryCatalog(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Collection<String> functionIds() {
        return registry.functions().keySet();
    }

    @Override
    public Collection<String> splineKinds() {
        return registry.splineKinds().keySet();
    }

    @Override
    public boolean bind(String functionId, Map<String, Object> params) {
        return instance(functionId, params).surfaceDensity().isPresent();
    }

    /** The function's parameter specifications without a default. */
    @Override
    public List<String> requiredParameters(String functionId) {
        return registry.function(functionId).map(f -> f.parameters() == null ? List.<String>of()
                : f.parameters().stream().filter(p -> p != null && p.required()).map(p -> p.name()).toList())
                .orElse(List.of());
    }

    /** @return "plugin ID, loaded from JAR" ({@link PluginRegistry#origin}) */
    @Override
    public Optional<String> origin(String functionId) {
        return registry.function(functionId).isPresent() ? Optional.of(registry.origin(functionId)) : Optional.empty();
    }

    /** The function's own check of the range ({@link FunctionDomain}); nothing is evaluated. */
    @Override
    public Optional<String> domainProblem(String functionId, Map<String, Object> params, double lower, double upper) {
        return FunctionDomain.problem(instance(functionId, params), lower, upper);
    }

    private FunctionInstance instance(String functionId, Map<String, Object> params) {
        List<Object> key = List.of(functionId, Map.copyOf(params));
        FunctionInstance f = bound.get(key);
        if (f == null) {
            f = registry.bind(functionId, params);
            bound.put(key, f);
        }
        return f;
    }
}
