package io.eventprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floors of docs/architecture.md, read from the source: which package of {@code io.eventprocessor} names which
 * other (imports and fully qualified names alike). A lower floor never names a higher one, no two packages name each
 * other through any path, and the ui names no service client.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/io/eventprocessor");

    /** Bottom to top; a package may name packages of its own floor or below. */
    static final Map<String, Integer> FLOORS = Map.ofEntries(
            Map.entry("contract", 1), Map.entry("config", 1),
            Map.entry("clients", 2), Map.entry("outbox", 2), Map.entry("cdc", 2), Map.entry("readmodel", 2),
            Map.entry("processor", 2), Map.entry("stack", 2), Map.entry("measure", 2), Map.entry("verify", 2),
            Map.entry("loadgen", 2), Map.entry("cluster", 2),
            Map.entry("report", 3), Map.entry("scenario", 3),
            Map.entry("cli", 4), Map.entry("bench", 4), Map.entry("ui", 4));

    /** Client libraries of the services: the ui reaches them only through the floors below it. */
    static final List<String> SERVICE_CLIENTS = List.of("java.sql.", "org.postgresql.", "org.apache.kafka.", "com.mongodb.", "org.bson.",
            "io.debezium.", "de.bwaldvogel.", "io.zonky.", "kafka.");

    private static final Pattern PROJECT_NAME = Pattern.compile("\\bio\\.eventprocessor\\.([a-z]+)(?:\\.[a-z]+)*\\.[A-Z]");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    /** package (top level under io.eventprocessor) -> the project packages its sources name. */
    private static final Map<String, Set<String>> GRAPH = new TreeMap<>();
    /** package -> its sources' imports. */
    private static final Map<String, Set<String>> IMPORTS = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(ArchitectureTest::read);
        }
    }

    private static void read(Path file) {
        String pkg = MAIN.relativize(file).getName(0).toString();
        String src;
        try {
            src = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = GRAPH.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = PROJECT_NAME.matcher(src);
        while (m.find()) if (!m.group(1).equals(pkg)) names.add(m.group(1));
        Set<String> imports = IMPORTS.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher i = IMPORT.matcher(src);
        while (i.find()) imports.add(i.group(1));
        // Fully qualified names used inline count like imports.
        Matcher q = Pattern.compile("\\b((?:java|javax|org|com|io|de|kafka)\\.[a-z0-9_.]+\\.[A-Z]\\w*)").matcher(src);
        while (q.find()) imports.add(q.group(1));
    }

    @Test
    void everyPackageHasAFloor() {
        assertThat(FLOORS.keySet()).containsAll(GRAPH.keySet());
    }

    @Test
    void theContractNamesNoOtherPackage() {
        assertThat(GRAPH.get("contract")).isEmpty();
    }

    @Test
    void noFloorNamesAHigherOne() {
        List<String> upward = new ArrayList<>();
        GRAPH.forEach((from, tos) -> tos.forEach(to -> {
            if (FLOORS.getOrDefault(to, 99) > FLOORS.getOrDefault(from, 0)) {
                upward.add(from + " (floor " + FLOORS.get(from) + ") -> " + to + " (floor " + FLOORS.get(to) + ")");
            }
        }));
        assertThat(upward).isEmpty();
    }

    @Test
    void noPackageCycle() {
        assertThat(cycles(GRAPH)).isEmpty();
    }

    @Test
    void theUiNamesNoServiceClient() {
        List<String> found = IMPORTS.getOrDefault("ui", Set.of()).stream()
                .filter(name -> SERVICE_CLIENTS.stream().anyMatch(name::startsWith)).toList();
        assertThat(found).isEmpty();
    }

    @Test
    void theCycleCheckFindsACycle() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(cycles(g)).containsExactly(List.of("a", "b", "c"));
    }

    /** Strongly connected components of more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(v)) connect(v, graph, index, low, stack, onStack, out, counter);
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
            Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) out.add(component.stream().sorted().toList());
        }
    }
}
