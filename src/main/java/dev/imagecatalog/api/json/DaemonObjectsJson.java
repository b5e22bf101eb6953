package dev.imagecatalog.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.imagecatalog.query.daemon.DaemonNetwork;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the daemon writes for the objects it holds besides images: containers and volumes (none) and
 * its own networks (moby 28.x: api/types/network Inspect, api/types/volume ListResponse), byte for
 * byte as Go's encoder writes them.
 */
public final class DaemonObjectsJson {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    /** The default bridge's options (daemon/daemon_unix.go initBridgeDriver), sorted as Go writes map keys. */
    private static final Map<String, String> BRIDGE_OPTIONS = new TreeMap<>(Map.of(
            "com.docker.network.bridge.default_bridge", "true",
            "com.docker.network.bridge.enable_icc", "true",
            "com.docker.network.bridge.enable_ip_masquerade", "true",
            "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0",
            "com.docker.network.bridge.name", "docker0",
            "com.docker.network.driver.mtu", "1500"));

    private DaemonObjectsJson() {
    }

    /** {@code []}: the list of what the daemon has none of. */
    public static byte[] emptyList() {
        return DockerJson.write(4, json -> {
            json.writeStartArray();
            json.writeEndArray();
        });
    }

    /** {@code GET /volumes} without volumes: {@code Volumes} is {@code []}, {@code Warnings} {@code null}. */
    public static byte[] noVolumes() {
        return DockerJson.write(40, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("Volumes");
            json.writeEndArray();
            json.writeNullField("Warnings");
            json.writeEndObject();
        });
    }

    public static byte[] networks(List<DaemonNetwork> networks) {
        return DockerJson.write(1024 * Math.max(1, networks.size()), json -> {
            json.writeStartArray();
            for (DaemonNetwork network : networks) {
                writeNetwork(json, network);
            }
            json.writeEndArray();
        });
    }

    public static byte[] network(DaemonNetwork network) {
        return DockerJson.write(1024, json -> writeNetwork(json, network));
    }

    /** Members in moby's order (network.Inspect); {@code Peers} and {@code Services} are omitted when empty. */
    private static void writeNetwork(JsonGenerator json, DaemonNetwork network) throws IOException {
        boolean bridge = network.driver().equals("bridge");
        json.writeStartObject();
        json.writeStringField("Name", network.name());
        json.writeStringField("Id", network.id());
        json.writeStringField("Created", rfc3339Nano(network.created()));
        json.writeStringField("Scope", DaemonNetwork.SCOPE);
        json.writeStringField("Driver", network.driver());
        json.writeBooleanField("EnableIPv4", true);
        json.writeBooleanField("EnableIPv6", false);
        json.writeObjectFieldStart("IPAM");
        json.writeStringField("Driver", "default");
        json.writeNullField("Options");
        json.writeFieldName("Config");
        if (bridge) {
            json.writeStartArray();
            json.writeStartObject();
            json.writeStringField("Subnet", "172.17.0.0/16");
            json.writeStringField("Gateway", "172.17.0.1");
            json.writeEndObject();
            json.writeEndArray();
        } else {
            json.writeNull(); // no addresses are allocated for host and null networks
        }
        json.writeEndObject();
        json.writeBooleanField("Internal", false);
        json.writeBooleanField("Attachable", false);
        json.writeBooleanField("Ingress", false);
        json.writeObjectFieldStart("ConfigFrom");
        json.writeStringField("Network", "");
        json.writeEndObject();
        json.writeBooleanField("ConfigOnly", false);
        json.writeObjectFieldStart("Containers");
        json.writeEndObject();
        json.writeObjectFieldStart("Options");
        if (bridge) {
            for (Map.Entry<String, String> option : BRIDGE_OPTIONS.entrySet()) {
                json.writeStringField(option.getKey(), option.getValue());
            }
        }
        json.writeEndObject();
        json.writeObjectFieldStart("Labels");
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Go's RFC 3339 with nanoseconds, trailing zeros of the fraction dropped. */
    static String rfc3339Nano(Instant time) {
        String fraction = time.getNano() == 0 ? "" : ("." + String.format("%09d", time.getNano()).replaceFirst("0+$", ""));
        return SECONDS.format(time) + fraction + "Z";
    }
}
