package org.autoknots.projection;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The projected quantities of a spherical density profile ρ(r). */
public enum SurfaceQuantity {
    /** Σ(R) = 2 ∫₀^∞ ρ(√(R² + z²)) dz, the surface mass density. */
    SIGMA("sigma"),
    /** Σ̄(R) = M_cyl(R) / (π R²), the mean surface density inside R. */
    MEAN_SIGMA("mean_sigma"),
    /** ΔΣ(R) = Σ̄(R) − Σ(R), the excess surface density of weak lensing. */
    DELTA_SIGMA("delta_sigma");

    private final String key;

    SurfaceQuantity(String key) {
        this.key = key;
    }

    /** @return the name used in pipelines and output columns: {@code sigma|mean_sigma|delta_sigma} */
    public String key() {
        return key;
    }

    /**
     * @param text a key, case-insensitive, surrounding blanks ignored
     * @return the quantity
     * @throws IllegalArgumentException listing the valid keys
     */
    public static SurfaceQuantity parse(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (SurfaceQuantity q : values()) {
                if (q.key.equals(t)) {
                    return q;
                }
            }
        }
        throw new IllegalArgumentException("unknown surface quantity '" + text + "': valid are "
                + Arrays.stream(values()).map(SurfaceQuantity::key).collect(Collectors.joining(", ")));
    }
}
