package dev.quarry.automl.registry;

/**
 * A registered model's name and version, written {@code name:version}.
 *
 * @param name the model name
 * @param version its version, from 1
 */
public record ModelRef(String name, int version) {

    /** Validates. */
    public ModelRef {
        ModelRegistry.checkName(name, "name");
        if (version < 1) {
            throw new RegistryException(RegistryException.Kind.INVALID, "a model version is 1 or more, got " + version, "version");
        }
    }

    /**
     * @param text {@code name:version}
     * @return the reference
     * @throws RegistryException if it is not of that form
     */
    public static ModelRef parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new RegistryException(RegistryException.Kind.INVALID, "expected name:version (e.g. iris:1), got '" + text + "'",
                    "model");
        }
        try {
            return new ModelRef(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new RegistryException(RegistryException.Kind.INVALID, "expected name:version with a whole-number version, got '"
                    + text + "'", "model");
        }
    }

    @Override
    public String toString() {
        return name + ":" + version;
    }
}
