package dev.imagecatalog.api.json;

import dev.imagecatalog.catalog.events.ImageEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of {@code GET /events}: moby's {@code events.Message} as the daemon of API 1.51 writes it
 * (api/types/events/events.go; daemon/events/events.go Log): {@code status} and {@code id} (kept up
 * to 1.51: older CLIs and Compose read them), {@code Type}, {@code Action}, {@code Actor} with its
 * attributes sorted, {@code scope}, {@code time}, {@code timeNano}, in that order; Go's default
 * encoder, so HTML characters are escaped; a newline after each.
 */
public final class EventJson {

    private EventJson() {
    }

    public static byte[] line(ImageEvent event, String type, String scope) {
        return DockerJson.writeHtmlEscaped(256, json -> {
            json.writeStartObject();
            json.writeStringField("status", event.action());
            if (!event.actorId().isEmpty()) {
                json.writeStringField("id", event.actorId());
            }
            json.writeStringField("Type", type);
            json.writeStringField("Action", event.action());
            json.writeObjectFieldStart("Actor");
            json.writeStringField("ID", event.actorId());
            json.writeObjectFieldStart("Attributes");
            for (Map.Entry<String, String> attribute : new TreeMap<>(event.attributes()).entrySet()) {
                json.writeStringField(attribute.getKey(), attribute.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeStringField("scope", scope);
            json.writeNumberField("time", event.time());
            json.writeNumberField("timeNano", event.timeNano());
            json.writeEndObject();
        });
    }
}
