package io.clusterca.ca.events;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one wire form of an {@link Event}, shared by the journal and Kafka: a single-line JSON object
 *
 * <pre>{"type":"certificate.issued","time":"2026-11-22T10:15:30.123Z","id":"…","key":"4f…","serial":"4f…","facts":{…}}</pre>
 *
 * <ul>
 *   <li>{@code type}: the wire name ({@link EventType#wireName()});</li>
 *   <li>{@code time}: RFC 3339 in UTC;</li>
 *   <li>{@code id}: the event id (consumers de-duplicate on it: delivery to Kafka is at least once);</li>
 *   <li>{@code key}: only when the event has one (the Kafka record key);</li>
 *   <li>{@code serial}: the {@code serial} fact, promoted to the top level so certificate events can be
 *       found without knowing each type's facts; it is not repeated under {@code facts};</li>
 *   <li>{@code facts}: every other fact, nested so a fact can never shadow an envelope field.</li>
 * </ul>
 *
 * Null facts are left out; instants become RFC 3339 strings; anything that is not a JSON value
 * becomes its string form, so encoding never fails on the issuance path.
 */
public final class EventJson {
    public static final String SERIAL = "serial";

    private EventJson() {}

    public static String encode(Event event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", event.type().wireName());
        json.put("time", rfc3339(event.time()));
        json.put("id", event.id());
        event.key().ifPresent(key -> json.put("key", key));
        Object serial = event.facts().get(SERIAL);
        if (serial != null) {
            json.put(SERIAL, jsonValue(serial));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        event.facts().forEach((name, value) -> {
            Object converted = jsonValue(value);
            if (converted != null && !SERIAL.equals(name)) {
                facts.put(name, converted);
            }
        });
        json.put("facts", facts);
        return JSONObjectUtils.toJSONString(json);
    }

    static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static Object jsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? d : String.valueOf(d);
        }
        if (value instanceof Instant instant) {
            return rfc3339(instant);
        }
        if (value instanceof TemporalAccessor || value instanceof Number || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(EventJson::jsonValue).orElse(null);
        }
        if (value instanceof Collection<?> collection) {
            List<Object> list = new ArrayList<>(collection.size());
            for (Object element : collection) {
                Object converted = jsonValue(element);
                if (converted != null) {
                    list.add(converted);
                }
            }
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object converted = jsonValue(v);
                if (converted != null) {
                    object.put(String.valueOf(k), converted);
                }
            });
            return object;
        }
        return value.toString();
    }
}
