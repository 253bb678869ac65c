package org.mosaic.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;

/**
 * A YAML or JSON configuration file read strictly: every key the parser does not ask for is an error, and every value
 * of the wrong type or out of range is an error naming the file, the key and the expected form. A misspelled rule
 * ({@code min_sise: 20}) or a wrong type ({@code min_size: abc}) is therefore never dropped in silence.
 *
 * <pre>{@code
 * StrictConfig c = StrictConfig.read(path);
 * StrictConfig.Node rules = c.root().mapping("rules");
 * int min = c.root().whole("min_size", -1, 1, 1000);
 * boolean cluster = rules.flag("cluster_iep", true);
 * c.finish();   // throws BadInputException listing unknown keys and wrong values
 * }</pre>
 */
public final class StrictConfig {
    private final String file;
    private final Node root;
    private final List<Node> nodes = new ArrayList<>();
    private final List<InputProblem> problems = new ArrayList<>();

    private StrictConfig(String file, JsonNode json) {
        this.file = file;
        this.root = new Node("", json);
    }

    /** Parses {@code path} (YAML for .yaml/.yml, JSON otherwise); a syntax error is exit 2 with its line. */
    public static StrictConfig read(Path path) {
        String name = path.getFileName().toString();
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        String refused = InputLimits.refusal(path);
        if (refused != null) {
            throw new BadInputException(List.of(new InputProblem(name, 0, "", "", refused)));
        }
        ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        JsonNode json;
        try {
            json = mapper.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BadInputException(List.of(new InputProblem(name, loc == null ? 0 : loc.getLineNr(), "", "",
                    "valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new BadInputException(List.of(new InputProblem(path.toString(), 0, "", "",
                    "a readable configuration file (" + e.getMessage() + ")")));
        }
        if (json == null || json.isMissingNode() || json.isNull()) {
            json = mapper.createObjectNode();
        }
        StrictConfig c = new StrictConfig(name, json);
        if (!json.isObject()) {
            c.problem("", json.toString(), "a mapping of keys to values");
        }
        return c;
    }

    public Node root() {
        return root;
    }

    /** Reports every key nobody asked for and every wrong value, all at once; returns when there are none. */
    public void finish() {
        for (Node n : nodes) {
            if (!n.json.isObject()) {
                continue;
            }
            for (Iterator<String> it = n.json.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!n.asked.contains(key)) {
                    problem("", "", "the key '" + n.path(key) + "' is not known; the keys "
                            + (n.path.isEmpty() ? "" : "under " + n.path + " ") + "are " + String.join(", ", n.asked)
                            + " (a misspelled key would be ignored, so it is an error)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }

    private void problem(String key, String value, String expected) {
        // "policy.yaml, key seats[1].share: found '1.5'; expected ...": a key path, not a CSV column. Values in a
        // config file are rules, not student data, so they are shown.
        problems.add(new InputProblem(key.isEmpty() ? file : file + ", key " + key, 0, "", value, expected));
    }

    /** A value as the user wrote it: the text of a scalar, the JSON form of a list or mapping (shortened on output). */
    private static String shown(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** Adds the problems of another file this one names (a scenario's policy file), to be reported with these. */
    public void include(BadInputException other) {
        problems.addAll(other.problems());
    }

    /** A mapping in the file; typed getters record the keys they are asked for. */
    public final class Node {
        private final String path;
        private final JsonNode json;
        private final Set<String> asked = new LinkedHashSet<>();

        private Node(String path, JsonNode json) {
            this.path = path;
            this.json = json;
            nodes.add(this);
        }

        private String path(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private JsonNode get(String key) {
            asked.add(key);
            return json.path(key);
        }

        /** This mapping's key path in the file, e.g. {@code seats[1]}; empty for the top level. */
        public String path() {
            return path;
        }

        /** Reports a value that has the right type but is not acceptable (an unknown rule, a missing policy file). */
        public void reject(String key, String value, String expected) {
            problem(path(key), value, expected);
        }

        /**
         * The keys of a mapping whose keys the user chooses (school ids, parameter names): each is accepted here, and
         * its value must be read with a typed getter.
         */
        public List<String> keys() {
            List<String> out = new ArrayList<>();
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                out.add(it.next());
            }
            asked.addAll(out);
            return out;
        }

        /**
         * A list of mappings (empty when absent); item {@code k} is a node at {@code key[k]} whose keys are checked
         * like any mapping's. An item that is not a mapping is reported and left out.
         */
        public List<Node> list(String key) {
            JsonNode v = get(key);
            List<Node> out = new ArrayList<>();
            if (v.isMissingNode() || v.isNull()) {
                return out;
            }
            if (!v.isArray()) {
                problem(path(key), shown(v), "a list (one '- ' item per line in YAML)");
                return out;
            }
            for (int k = 0; k < v.size(); k++) {
                String at = path(key) + "[" + k + "]";
                if (!v.get(k).isObject()) {
                    problem(at, shown(v.get(k)),
                            "a mapping of keys to values");
                } else {
                    out.add(new Node(at, v.get(k)));
                }
            }
            return out;
        }

        /** A number of any range (the caller checks it); empty when absent or, reported, not a number. */
        public java.util.OptionalDouble number(String key, String expected) {
            JsonNode v = get(key);
            if (v.isMissingNode() || v.isNull()) {
                return java.util.OptionalDouble.empty();
            }
            if (!v.isNumber()) {
                problem(path(key), shown(v), expected);
                return java.util.OptionalDouble.empty();
            }
            return java.util.OptionalDouble.of(v.asDouble());
        }

        public boolean has(String key) {
            asked.add(key);
            return json.has(key) && !json.get(key).isNull();
        }

        /** A nested mapping (empty when absent). */
        public Node mapping(String key) {
            JsonNode v = get(key);
            if (!v.isMissingNode() && !v.isNull() && !v.isObject()) {
                problem(path(key), shown(v), "a mapping of keys to values");
            }
            return new Node(path(key), v.isObject() ? v : com.fasterxml.jackson.databind.node.MissingNode
                    .getInstance());
        }

        /** A list of mappings (empty when absent), each checked for unknown keys like any mapping. */
        public List<Node> mappings(String key) {
            JsonNode v = get(key);
            List<Node> out = new ArrayList<>();
            if (v.isMissingNode() || v.isNull()) {
                return out;
            }
            if (!v.isArray()) {
                problem(path(key), v.asText(), "a list of mappings, one per rule");
                return out;
            }
            for (int k = 0; k < v.size(); k++) {
                JsonNode item = v.get(k);
                if (!item.isObject()) {
                    problem(path(key) + "[" + (k + 1) + "]", item.asText(), "a mapping of keys to values");
                    continue;
                }
                out.add(new Node(path(key) + "[" + (k + 1) + "]", item));
            }
            return out;
        }

        /** Whether the value under {@code key} is a mapping (for keys that take a number or a mapping). */
        public boolean isMapping(String key) {
            return json.path(key).isObject();
        }

        public double decimal(String key, double fallback, double min, double max) {
            return decimal(key, fallback, min, max, "a number from " + fmt(min) + " to " + fmt(max));
        }

        /** As {@link #decimal(String, double, double, double)}, with the expected form in the user's words. */
        public double decimal(String key, double fallback, double min, double max, String expected) {
            JsonNode v = get(key);
            if (v.isMissingNode() || v.isNull()) {
                return fallback;
            }
            if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
                problem(path(key), shown(v), expected);
                return fallback;
            }
            return v.asDouble();
        }

        public int whole(String key, int fallback, int min, int max) {
            return whole(key, fallback, min, max, "a whole number from " + min + " to " + max);
        }

        /** As {@link #whole(String, int, int, int)}, with the expected form in the user's words. */
        public int whole(String key, int fallback, int min, int max, String expected) {
            JsonNode v = get(key);
            if (v.isMissingNode() || v.isNull()) {
                return fallback;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
                problem(path(key), shown(v), expected);
                return fallback;
            }
            return v.asInt();
        }

        public boolean flag(String key, boolean fallback) {
            JsonNode v = get(key);
            if (v.isMissingNode() || v.isNull()) {
                return fallback;
            }
            if (!v.isBoolean()) {
                problem(path(key), shown(v), "true or false");
                return fallback;
            }
            return v.asBoolean();
        }

        public String text(String key, String fallback) {
            JsonNode v = get(key);
            if (v.isMissingNode() || v.isNull()) {
                return fallback;
            }
            if (!v.isValueNode()) {
                problem(path(key), shown(v), "a single value, not a list or mapping");
                return fallback;
            }
            return v.asText();
        }

        private String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT,
                    "%s", d);
        }
    }
}
