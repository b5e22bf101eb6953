package dev.imagecatalog.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code GET /info}: moby's {@code system.Info} (api/types/system/info.go), as a daemon
 * that runs no container, has no storage driver, runtime, plugin or swarm, and holds the catalog's
 * images, writes it at the requested version. Fields in the struct's order, members left out where
 * the struct says {@code omitempty} and the value is empty; the per-version rules are those of
 * moby's api/server/router/system/system_routes.go (getInfo) and info_response.go, one place each below.
 */
public final class InfoJson {

    /** What describes the catalog and the moment of the request; the rest is the host's. */
    public record Facts(int images, String serverVersion, int openFiles, int threads, int eventListeners, Instant now) {
    }

    private InfoJson() {
    }

    public static byte[] info(HostFacts host, Facts facts, ApiVersion version) {
        Map<String, Object> info = fields(host, facts, version);
        // Below 1.50 the daemon adds the legacy fields by way of a map (info_response.go), which Go
        // writes with its keys sorted, at every level.
        boolean sorted = version.isBefore("1.50");
        return DockerJson.write(4096, json -> write(json, info, sorted));
    }

    private static Map<String, Object> fields(HostFacts host, Facts facts, ApiVersion version) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("ID", host.daemonId);
        info.put("Containers", 0);
        info.put("ContainersRunning", 0);
        info.put("ContainersPaused", 0);
        info.put("ContainersStopped", 0);
        info.put("Images", facts.images()); // every image, intermediates included (the daemon's CountImages)
        info.put("Driver", "");
        info.put("DriverStatus", null);
        info.put("Plugins", object("Volume", null, "Network", null, "Authorization", null, "Log", null));
        for (String capability : new String[] {"MemoryLimit", "SwapLimit", "CpuCfsPeriod", "CpuCfsQuota", "CPUShares", "CPUSet",
            "PidsLimit", "IPv4Forwarding", "Debug"}) {
            info.put(capability, false); // (KernelMemory and KernelMemoryTCP: omitempty, false)
        }
        info.put("NFd", facts.openFiles());
        info.put("OomKillDisable", false);
        info.put("NGoroutines", facts.threads());
        info.put("SystemTime", systemTime(facts.now()));
        info.put("LoggingDriver", "");
        info.put("CgroupDriver", ""); // (CgroupVersion: omitempty)
        info.put("NEventsListener", facts.eventListeners()); // the open /events streams
        // Below 1.39 the router reports an unknown kernel or system as "<unknown>".
        boolean unknownNamed = version.isBefore("1.39");
        info.put("KernelVersion", unknownNamed && host.kernelVersion.isEmpty() ? "<unknown>" : host.kernelVersion);
        info.put("OperatingSystem", unknownNamed && host.operatingSystem.isEmpty() ? "<unknown>" : host.operatingSystem);
        info.put("OSVersion", host.osVersion);
        info.put("OSType", "linux");
        info.put("Architecture", host.unameArch);
        info.put("IndexServerAddress", "https://index.docker.io/v1/");
        info.put("RegistryConfig", registryConfig(version));
        info.put("NCPU", host.cpus);
        info.put("MemTotal", host.memTotal);
        info.put("GenericResources", null);
        info.put("DockerRootDir", "");
        info.put("HttpProxy", "");
        info.put("HttpsProxy", "");
        info.put("NoProxy", "");
        info.put("Name", host.name);
        info.put("Labels", List.of());
        info.put("ExperimentalBuild", false);
        info.put("ServerVersion", facts.serverVersion());
        info.put("Runtimes", null);
        info.put("DefaultRuntime", "");
        info.put("Swarm", object("NodeID", "", "NodeAddr", "", "LocalNodeState", "inactive", "ControlAvailable", false, "Error", "",
                "RemoteManagers", null));
        info.put("LiveRestoreEnabled", false);
        info.put("Isolation", "");
        info.put("InitBinary", "");
        // Below 1.49 each commit also has Expected = ID: omitempty, and the IDs are empty here.
        info.put("ContainerdCommit", object("ID", ""));
        info.put("RuncCommit", object("ID", ""));
        info.put("InitCommit", object("ID", ""));
        info.put("SecurityOptions", null);
        // (ProductLicense, DefaultAddressPools, FirewallBackend: omitempty, none)
        info.put("CDISpecDirs", List.of()); // never null: the daemon promotes nil to []
        // (DiscoveredDevices from 1.50, Containerd from 1.46: omitempty, none)
        info.put("Warnings", null);
        if (version.isBefore("1.50")) {
            info.put("BridgeNfIptables", false);
            info.put("BridgeNfIp6tables", false);
        }
        return info;
    }

    /** An empty registry service config; its own MarshalJSON writes it with sorted keys at every version. */
    private static Map<String, Object> registryConfig(ApiVersion version) {
        Map<String, Object> config = new TreeMap<>();
        config.put("IndexConfigs", null);
        config.put("InsecureRegistryCIDRs", null);
        config.put("Mirrors", null);
        if (version.isBefore("1.47")) {
            config.put("AllowNondistributableArtifactsCIDRs", null);
            config.put("AllowNondistributableArtifactsHostnames", null);
        }
        return config;
    }

    /** Go's RFC3339Nano: the fraction without trailing zeros (none when zero), Z for UTC. */
    static String systemTime(Instant now) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now.atZone(ZoneId.systemDefault()).toOffsetDateTime());
    }

    private static Map<String, Object> object(Object... pairs) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            object.put((String) pairs[i], pairs[i + 1]);
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator json, Object value, boolean sorted) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(json, item, sorted);
            }
            json.writeEndArray();
        } else {
            Map<String, Object> object = (Map<String, Object>) value;
            json.writeStartObject();
            for (Map.Entry<String, Object> member : (sorted ? new TreeMap<>(object) : object).entrySet()) {
                json.writeFieldName(member.getKey());
                write(json, member.getValue(), sorted);
            }
            json.writeEndObject();
        }
    }
}
