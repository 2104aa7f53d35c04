package org.autoknots.spline;

import java.util.List;
import org.autoknots.api.SplineKind;

/** The spline kinds built into the engine (plugins add more). */
public final class SplineKinds {

    private SplineKinds() {
    }

    /** @return the built-in kinds, the default ({@code not-a-knot}) first */
    public static List<SplineKind> builtIn() {
        return List.of(new CubicNotAKnotSpline(), new NaturalCubicSpline());
    }
}
