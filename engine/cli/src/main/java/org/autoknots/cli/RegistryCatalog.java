package org.autoknots.cli;

import java.util.Collection;
import java.util.Map;
import org.autoknots.config.Catalog;

/** The {@link Catalog} a pipeline is checked against: what the {@link PluginRegistry} loaded. */
public final class RegistryCatalog implements Catalog {

    private final PluginRegistry registry;

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
        return registry.bind(functionId, params).surfaceDensity().isPresent();
    }
}
