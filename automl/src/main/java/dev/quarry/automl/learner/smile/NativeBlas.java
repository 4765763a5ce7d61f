package dev.quarry.automl.learner.smile;

import java.util.Optional;

/**
 * Whether Smile's native BLAS/LAPACK binding loads. Smile 6 opens {@code libopenblas.so} by that
 * unversioned name, which Debian ships in {@code libopenblas-dev}; its linear-algebra models need it,
 * its tree models do not. Checked once per JVM.
 */
final class NativeBlas {

    private static final Optional<String> REASON = probe();

    private NativeBlas() {
    }

    /** @return empty if the binding loads, else what is missing and how to install it */
    static Optional<String> unavailableReason() {
        return REASON;
    }

    private static Optional<String> probe() {
        try {
            Class.forName("smile.linalg.blas.cblas_h", true, NativeBlas.class.getClassLoader());
            return Optional.empty();
        } catch (Throwable e) {
            return Optional.of("needs a native OpenBLAS (libopenblas.so; Debian: apt-get install libopenblas-dev): "
                    + e.getClass().getSimpleName());
        }
    }
}
