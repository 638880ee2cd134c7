package lstmsh.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code bench} run measured: titled sections of rows for people, and named figures
 * ({@code bench.train_ratio}) for {@code expect}. Each {@link Benchmark} adds its own section.
 */
public final class BenchReport {

    /** One measured line: a label, a value, its unit, and a note (e.g. the spread over rounds). */
    public record Row(String label, double value, String unit, String note) {}

    /** A titled group of rows. */
    public static final class Section {
        private final String title;
        private final List<Row> rows = new ArrayList<>();

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        public List<Row> rows() {
            return Collections.unmodifiableList(rows);
        }

        public Section row(String label, double value, String unit, String note) {
            rows.add(new Row(label, value, unit, note == null ? "" : note));
            return this;
        }
    }

    private final List<Section> sections = new ArrayList<>();
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** Starts a new section, in the order they will be shown. */
    public Section section(String title) {
        Section s = new Section(title);
        sections.add(s);
        return s;
    }

    public void figure(String name, double value) {
        figures.put(name, value);
    }

    public void note(String text) {
        notes.add(text);
    }

    public List<Section> sections() {
        return Collections.unmodifiableList(sections);
    }

    public Map<String, Double> figures() {
        return Collections.unmodifiableMap(figures);
    }

    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }
}
