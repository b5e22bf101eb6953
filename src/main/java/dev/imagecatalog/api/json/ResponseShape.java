package dev.imagecatalog.api.json;

/**
 * The fields of an image in the answer, by requested API version (section 6 of the contract).
 * Each rule that changes with the version is one flag here.
 */
public enum ResponseShape {
    /** 1.23, 1.24. */
    V1_23(false, true, true, false),
    /** 1.25 to 1.42: {@code Containers} and {@code SharedSize} appear. */
    V1_25(true, true, true, false),
    /** 1.43: no more {@code <none>} placeholders; both lists always arrays. */
    V1_43(true, true, false, false),
    /** 1.44 to 1.50: {@code VirtualSize} is gone. */
    V1_44(true, false, false, false),
    /** 1.51: {@code Containers} carries the catalog's count. */
    V1_51(true, false, false, true);

    /** {@code Containers} and {@code SharedSize} are written. */
    public final boolean containersAndSharedSize;
    /** {@code VirtualSize} is written. */
    public final boolean virtualSize;
    /** An image without refs shows {@code <none>} placeholders, and an empty list is {@code null}. */
    public final boolean legacyPlaceholders;
    /** {@code Containers} is the catalog's count, not {@code -1}. */
    public final boolean containerCount;

    ResponseShape(boolean containersAndSharedSize, boolean virtualSize, boolean legacyPlaceholders, boolean containerCount) {
        this.containersAndSharedSize = containersAndSharedSize;
        this.virtualSize = virtualSize;
        this.legacyPlaceholders = legacyPlaceholders;
        this.containerCount = containerCount;
    }

    /** @param version a supported version (1.23 to 1.51) */
    public static ResponseShape of(ApiVersion version) {
        if (version.isBefore("1.25")) {
            return V1_23;
        }
        if (version.isBefore("1.43")) {
            return V1_25;
        }
        if (version.isBefore("1.44")) {
            return V1_43;
        }
        if (version.isBefore("1.51")) {
            return V1_44;
        }
        return V1_51;
    }
}
