package dev.imagecatalog.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The parts of /info that the host decides: what the daemon writes for an unknown kernel, times in Go's words. */
class InfoJsonTest {

    private static final HostFacts UNKNOWN = new HostFacts("box", "", "", "", "x86_64", "amd64", 4, 1L << 33, "id");
    private static final InfoJson.Facts FACTS = new InfoJson.Facts(3, "1.0", 10, 5, 2, Instant.parse("2026-01-02T03:04:05.120Z"));

    @Test
    void anUnknownKernelOrSystemIsSaidSoBelow139() throws Exception {
        JsonNode old = new ObjectMapper().readTree(InfoJson.info(UNKNOWN, FACTS, new ApiVersion("1.38")));
        assertEquals("<unknown>", old.get("KernelVersion").asText());
        assertEquals("<unknown>", old.get("OperatingSystem").asText());
        JsonNode current = new ObjectMapper().readTree(InfoJson.info(UNKNOWN, FACTS, new ApiVersion("1.39")));
        assertEquals("", current.get("KernelVersion").asText());
        assertEquals("", current.get("OperatingSystem").asText());
        assertEquals(8589934592L, current.get("MemTotal").asLong());
        assertEquals(3, current.get("Images").asInt());
        assertEquals(10, current.get("NFd").asInt());
    }

    @Test
    void systemTimeIsGosRfc3339Nano() {
        // Trailing zeros of the fraction dropped, none at all for whole seconds (the zone is the JVM's; Z for UTC).
        String millis = InfoJson.systemTime(Instant.parse("2026-01-02T03:04:05.120Z"));
        String whole = InfoJson.systemTime(Instant.parse("2026-01-02T03:04:05Z"));
        assertEquals(millis.replace(".12", ""), whole);
        assertEquals(true, millis.contains(":05.12") && !millis.contains(".120"), millis);
        assertEquals(true, InfoJson.systemTime(Instant.parse("2026-01-02T03:04:05.000000001Z")).contains(":05.000000001"));
    }

    @Test
    void ncpuCountsTheAffinityMask() {
        assertEquals(6, HostFacts.allowedCpus(java.util.List.of("Name:\tjava", "Cpus_allowed:\tff", "Cpus_allowed_list:\t0-3,8,10"), 1));
        assertEquals(1, HostFacts.allowedCpus(java.util.List.of("Cpus_allowed_list:\t5"), 9));
        assertEquals(9, HostFacts.allowedCpus(java.util.List.of("Name:\tjava"), 9), "no such line: the JVM's count");
    }

    @Test
    void eventListenersAreTheOpenStreams() throws Exception {
        assertEquals(2, new ObjectMapper().readTree(InfoJson.info(UNKNOWN, FACTS, ApiVersion.CURRENT)).get("NEventsListener").asInt());
    }

    @Test
    void theBodyEndsWithANewlineAsGosEncoder() {
        byte[] body = InfoJson.info(UNKNOWN, FACTS, ApiVersion.CURRENT);
        assertEquals('\n', body[body.length - 1]);
    }
}
