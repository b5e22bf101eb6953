package dev.imagecatalog.api.json;

/**
 * The fields of an Image Inspect answer, and the parameters it reads, by requested API version
 * (section 10.4 of the contract). Each rule that changes with the version is one flag here.
 */
public enum InspectShape {
    /** 1.23 to 1.43. */
    V1_23(true, true, true, false, false, true),
    /** 1.44: {@code VirtualSize} is gone; an unknown {@code Created} is omitted. */
    V1_44(false, false, true, false, false, true),
    /** 1.45 to 1.47: {@code Container} and {@code ContainerConfig} are gone. */
    V1_45(false, false, false, false, false, true),
    /** 1.48: {@code Descriptor} and {@code Manifests} (with {@code manifests=1}) appear. */
    V1_48(false, false, false, true, false, true),
    /** 1.49: the {@code platform} parameter is read. */
    V1_49(false, false, false, true, true, true),
    /** 1.50 and 1.51: {@code Config} keeps only the image's own keys. */
    V1_50(false, false, false, true, true, false);

    /** {@code Created} is always written: Go's zero time when unknown. */
    public final boolean createdAlways;
    /** {@code VirtualSize} is written. */
    public final boolean virtualSize;
    /** {@code Container} and {@code ContainerConfig} are written. */
    public final boolean containerFields;
    /** {@code Descriptor} is written when known, {@code Manifests} when asked for; {@code manifests} is read. */
    public final boolean descriptors;
    /** The {@code platform} parameter is read. */
    public final boolean platformParameter;
    /** {@code Config} has the 17 keys of a container's config; from 1.50 only the image's own 8. */
    public final boolean containerConfigKeys;

    InspectShape(boolean createdAlways, boolean virtualSize, boolean containerFields, boolean descriptors,
            boolean platformParameter, boolean containerConfigKeys) {
        this.createdAlways = createdAlways;
        this.virtualSize = virtualSize;
        this.containerFields = containerFields;
        this.descriptors = descriptors;
        this.platformParameter = platformParameter;
        this.containerConfigKeys = containerConfigKeys;
    }

    /** @param version a supported version (1.23 to 1.51) */
    public static InspectShape of(ApiVersion version) {
        if (version.isBefore("1.44")) {
            return V1_23;
        }
        if (version.isBefore("1.45")) {
            return V1_44;
        }
        if (version.isBefore("1.48")) {
            return V1_45;
        }
        if (version.isBefore("1.49")) {
            return V1_48;
        }
        if (version.isBefore("1.50")) {
            return V1_49;
        }
        return V1_50;
    }
}
