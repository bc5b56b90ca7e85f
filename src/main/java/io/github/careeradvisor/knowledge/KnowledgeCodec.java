package io.github.careeradvisor.knowledge;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parsed guides as {@link ParsedKnowledge} keeps them: each record's components in their order, a
 * string as its UTF-8 length and bytes, a list as its size and items, a value that may be absent after a
 * flag. Reading calls each record's constructor, so its checks run as when the guides were parsed. Java's
 * own serialization took about a quarter of a second of each start to read the same records back, most
 * of it setting itself up (README, "Performance").
 *
 * <p>A component added to one of these records must be added here too; {@code KnowledgeCodecTest} lists
 * every record's components and fails until it is.
 */
final class KnowledgeCodec {

    private KnowledgeCodec() {
    }

    static byte[] write(KnowledgeFiles files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            new Writer(out).files(files);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The records {@link #write} wrote; an {@link IOException} naming what is wrong for bytes it did not
     * write (a record's own check refusing a value is an {@link IllegalArgumentException} or a
     * {@link NullPointerException}).
     */
    static KnowledgeFiles read(byte[] bytes) throws IOException {
        Reader reader = new Reader(bytes);
        KnowledgeFiles files = reader.files();
        if (reader.in.available() > 0) {
            throw new IOException(reader.in.available() + " bytes left after the parsed guides");
        }
        return files;
    }

    private record Writer(DataOutputStream out) {

        interface Item<T> {
            void write(T item) throws IOException;
        }

        void files(KnowledgeFiles f) throws IOException {
            KnowledgeBase k = f.knowledge();
            list(k.guides(), this::guide);
            list(k.passages(), this::passage);
            strings(k.problems());
            roadmap(f.roadmap());
            date(f.certifications().asOf());
            list(f.certifications().certifications(), this::certification);
            string(f.pay().file());
            list(f.pay().bands(), band -> {
                string(band.title());
                list(band.ranges(), range -> {
                    string(range.source());
                    out.writeLong(range.low());
                    optional(range.high(), out::writeLong);
                    out.writeBoolean(range.orMore());
                });
            });
        }

        void guide(Guide g) throws IOException {
            string(g.file());
            string(g.title());
            strings(g.topics());
            list(g.sources(), s -> {
                string(s.name());
                number(s.year());
                maybe(s.article());
            });
            maybe(g.asOf());
            string(g.body());
            out.writeInt(g.bodyStartLine());
        }

        void passage(Passage p) throws IOException {
            string(p.id());
            string(p.file());
            string(p.title());
            string(p.section());
            strings(p.topics());
            list(p.units(), u -> {
                string(u.text());
                string(u.kind().name());
                out.writeInt(u.block());
            });
        }

        void roadmap(Roadmap r) throws IOException {
            string(r.title());
            string(r.note());
            optional(r.overview(), this::section);
            list(r.topics(), t -> {
                string(t.id());
                string(t.title());
                string(t.why());
                strings(t.prerequisites());
                string(t.question());
                list(t.sections(), this::section);
            });
        }

        void section(Roadmap.Section s) throws IOException {
            string(s.file());
            string(s.section());
        }

        void certification(Certification c) throws IOException {
            string(c.id());
            string(c.name());
            string(c.provider());
            maybe(c.cloud());
            string(c.level());
            maybe(c.examCode());
            optional(c.aliases(), this::strings);
            maybe(c.priceUsd());
            number(c.durationMinutes());
            string(c.validity());
            string(c.recommendedExperience());
            out.writeInt(c.minExperienceYears());
            string(c.status());
            optional(c.statusDate(), this::date);
            maybe(c.successor());
            date(c.asOf());
            strings(c.focus());
            string(c.source());
            string(c.confidence());
        }

        <T> void list(List<T> items, Item<T> item) throws IOException {
            out.writeInt(items.size());
            for (T t : items) {
                item.write(t);
            }
        }

        void strings(List<String> strings) throws IOException {
            list(strings, this::string);
        }

        void string(String s) throws IOException {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        void maybe(@Nullable String s) throws IOException {
            optional(s, this::string);
        }

        void number(@Nullable Integer n) throws IOException {
            optional(n, out::writeInt);
        }

        void date(LocalDate date) throws IOException {
            out.writeLong(date.toEpochDay());
        }

        /** Whether {@code value} is there, then {@code value} by {@code item} if it is (the reader's ternaries). */
        <T> void optional(@Nullable T value, Item<T> item) throws IOException {
            out.writeBoolean(value != null);
            if (value != null) {
                item.write(value);
            }
        }
    }

    private static final class Reader {

        interface Item<T> {
            T read() throws IOException;
        }

        final DataInputStream in;

        Reader(byte[] bytes) {
            this.in = new DataInputStream(new ByteArrayInputStream(bytes));
        }

        KnowledgeFiles files() throws IOException {
            KnowledgeBase knowledge = new KnowledgeBase(list(this::guide), list(this::passage), strings());
            Roadmap roadmap = roadmap();
            CertificationCatalog certifications = new CertificationCatalog(date(), list(this::certification));
            PayScale pay = new PayScale(string(), list(() -> new PayScale.Band(string(), list(() -> {
                String source = string();
                long low = in.readLong();
                Long high = in.readBoolean() ? in.readLong() : null;
                return new PayScale.Range(source, low, high, in.readBoolean());
            }))));
            return new KnowledgeFiles(knowledge, roadmap, certifications, pay);
        }

        Guide guide() throws IOException {
            return new Guide(string(), string(), strings(), list(() -> new SourceRef(string(), number(), maybe())), maybe(),
                    string(), in.readInt());
        }

        Passage passage() throws IOException {
            return new Passage(string(), string(), string(), string(), strings(), list(() -> {
                String text = string();
                String kind = string();
                try {
                    return new Unit(text, Unit.Kind.valueOf(kind), in.readInt());
                } catch (IllegalArgumentException e) {
                    throw new IOException("no kind of unit is called '" + kind + "'");
                }
            }));
        }

        Roadmap roadmap() throws IOException {
            return new Roadmap(string(), string(), in.readBoolean() ? section() : null, list(() -> new Roadmap.Topic(
                    string(), string(), string(), strings(), string(), list(this::section))));
        }

        Roadmap.Section section() throws IOException {
            return new Roadmap.Section(string(), string());
        }

        Certification certification() throws IOException {
            return new Certification(string(), string(), string(), maybe(), string(), maybe(),
                    in.readBoolean() ? strings() : null, maybe(), number(), string(), string(), in.readInt(), string(),
                    in.readBoolean() ? date() : null, maybe(), date(), strings(), string(), string());
        }

        <T> List<T> list(Item<T> item) throws IOException {
            int size = length("list");
            List<T> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                items.add(item.read());
            }
            return items;
        }

        List<String> strings() throws IOException {
            return list(this::string);
        }

        String string() throws IOException {
            return new String(in.readNBytes(length("string")), StandardCharsets.UTF_8);
        }

        @Nullable String maybe() throws IOException {
            return in.readBoolean() ? string() : null;
        }

        @Nullable Integer number() throws IOException {
            return in.readBoolean() ? in.readInt() : null;
        }

        LocalDate date() throws IOException {
            long day = in.readLong();
            if (day < LocalDate.MIN.toEpochDay() || day > LocalDate.MAX.toEpochDay()) {
                throw new IOException("a date " + day + " days from 1970 is out of range");
            }
            return LocalDate.ofEpochDay(day);
        }

        /** A count read, no more than the bytes left (each item takes at least one). */
        private int length(String what) throws IOException {
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("a " + what + " of " + length + " in " + in.available() + " bytes left");
            }
            return length;
        }
    }
}
