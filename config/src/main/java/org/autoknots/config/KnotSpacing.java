package org.autoknots.config;

import java.util.Locale;

/** The knot scale a stage asks for ({@code knots:}); the engine's own enum is mapped by name. */
public enum KnotSpacing {
    LINEAR, LOG, ASINH;

    /** @return the name users write */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
