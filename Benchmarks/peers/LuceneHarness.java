// Lucene 8 beside the other peers: run_peers.py compiles this file against
// Debian's liblucene8-java jars and drives it in two steps, so the JVM that
// times the queries has not just built the index.
//
//   java LuceneHarness build ANALYZER DOCS.tsv INDEX_DIR
//       Indexes the exported passages, force-merges to one segment, prints
//       {"build_cpu_s", "build_wall_s", "documents"} as one JSON line.
//   java LuceneHarness query ANALYZER INDEX_DIR QUERIES.tsv WARMUP PASSES SAMPLES.tsv TOP.tsv [PREFIX]
//       Runs the query mix WARMUP untimed passes (JIT warm-up), then PASSES
//       timed ones; writes one line per timed query (class, pass, thread CPU
//       ns, wall ns, hits) to SAMPLES.tsv, and then, untimed, the top-10
//       passage ids and scores of every query to TOP.tsv.
//       PREFIX is how a prefix query scores: `constant` (the default, Lucene's
//       own rewrite: every match the same score) or `bm25` (the matching terms
//       as SHOULD term clauses, MultiTermQuery.SCORING_BOOLEAN_REWRITE: each
//       match scores the sum of its terms' BM25, what Soundbite computes).
//
// ANALYZER is `standard` (StandardAnalyzer with no stop words: Unicode word
// segmentation + lower case, like tantivy's `default`) or `english`
// (EnglishAnalyzer with no stop words: the same, plus possessive removal and
// the Porter stemmer, the closest to Soundbite's and tantivy's `en_stem`).
//
// Input files are tab-separated, one record a line, with `\\`, `\t`, `\n`
// and `\r` escaped in every field:
//   docs:    id, role, chapter, text
//   queries: class, kind (keywords|phrase|prefix|fuzzy), edits, role, chapter, words (space-separated)
// An empty role or chapter is no filter.

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;

public final class LuceneHarness {
    /** BM25 with the parameters every engine in the table uses. */
    static final float K1 = 1.2f, B = 0.75f;
    /** Top k, and Lucene's default total-hits threshold (IndexSearcher.search(query, n) uses 1000). */
    static final int TOP_K = 10, TOTAL_HITS_THRESHOLD = 1000;

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("build")) {
            build(analyzer(args[1]), Paths.get(args[2]), Paths.get(args[3]));
        } else if ((args.length == 8 || args.length == 9) && args[0].equals("query")) {
            scoredPrefix = args.length == 9 && prefixScoring(args[8]);
            query(analyzer(args[1]), Paths.get(args[2]), Paths.get(args[3]), Integer.parseInt(args[4]),
                  Integer.parseInt(args[5]), Paths.get(args[6]), Paths.get(args[7]));
        } else {
            System.err.println("usage: LuceneHarness build ANALYZER DOCS INDEX | "
                               + "query ANALYZER INDEX QUERIES WARMUP PASSES SAMPLES TOP [constant|bm25]");
            System.exit(2);
        }
    }

    /** Whether a prefix query scores its matches by BM25 (`bm25`) instead of one constant (`constant`). */
    static boolean scoredPrefix = false;

    static boolean prefixScoring(String name) {
        switch (name) {
            case "constant": return false;
            case "bm25":
                // A prefix of the mix may match more terms than Lucene's default of 1,024 clauses.
                BooleanQuery.setMaxClauseCount(1 << 20);
                return true;
            default: throw new IllegalArgumentException("unknown prefix scoring " + name + " (constant, bm25)");
        }
    }

    static Analyzer analyzer(String name) {
        switch (name) {
            case "standard": return new StandardAnalyzer(CharArraySet.EMPTY_SET);
            case "english": return new EnglishAnalyzer(CharArraySet.EMPTY_SET);
            default: throw new IllegalArgumentException("unknown analyzer " + name + " (standard, english)");
        }
    }

    // ------------------------------------------------------------ build

    static void build(Analyzer analyzer, Path docs, Path indexDir) throws IOException {
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime(), wall0 = System.nanoTime();
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
            .setSimilarity(new BM25Similarity(K1, B))
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(200); // tantivy's writer gets a 200 MB heap in run_peers.py
        int count = 0;
        try (FSDirectory dir = FSDirectory.open(indexDir);
             IndexWriter writer = new IndexWriter(dir, config);
             BufferedReader in = Files.newBufferedReader(docs, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) continue;
                String[] f = fields(line, 4, docs);
                Document doc = new Document();
                doc.add(new StoredField("id", Long.parseLong(f[0])));
                doc.add(new StringField("role", f[1], Field.Store.NO));
                doc.add(new StringField("chapter", f[2], Field.Store.NO));
                doc.add(new TextField("text", f[3], Field.Store.YES));
                writer.addDocument(doc);
                count++;
            }
            writer.forceMerge(1);
            writer.commit();
        }
        long cpu1 = os.getProcessCpuTime(), wall1 = System.nanoTime();
        System.out.printf("{\"build_cpu_s\": %.6f, \"build_wall_s\": %.6f, \"documents\": %d}%n",
                          (cpu1 - cpu0) / 1e9, (wall1 - wall0) / 1e9, count);
    }

    // ------------------------------------------------------------ query

    /** One query of the bench mix. */
    static final class BenchQuery {
        String cls, kind, role, chapter;
        int edits;
        String[] words;
    }

    static void query(Analyzer analyzer, Path indexDir, Path queriesFile, int warmup, int passes,
                      Path samplesFile, Path topFile) throws IOException {
        List<BenchQuery> queries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(queriesFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) continue;
                String[] f = fields(line, 6, queriesFile);
                BenchQuery q = new BenchQuery();
                q.cls = f[0]; q.kind = f[1]; q.edits = f[2].isEmpty() ? 1 : Integer.parseInt(f[2]);
                q.role = f[3]; q.chapter = f[4]; q.words = f[5].split(" ");
                queries.add(q);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (FSDirectory dir = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity(K1, B));
            // No query cache: every pass repeats the same queries, and a cache would
            // time the repetition rather than the search.
            searcher.setQueryCache(null);
            long sink = 0;
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(samplesFile, StandardCharsets.UTF_8))) {
                for (int pass = -warmup; pass < passes; pass++) {
                    for (BenchQuery q : queries) {
                        long c0 = threads.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                        ScoreDoc[] hits = search(searcher, analyzer, q);
                        long c1 = threads.getCurrentThreadCpuTime(), w1 = System.nanoTime();
                        sink += hits.length;
                        if (pass >= 0) {
                            out.printf("%s\t%d\t%d\t%d\t%d%n", q.cls, pass, c1 - c0, w1 - w0, hits.length);
                        }
                    }
                }
            }
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(topFile, StandardCharsets.UTF_8))) {
                for (BenchQuery q : queries) {
                    StringBuilder line = new StringBuilder(q.cls);
                    for (ScoreDoc hit : search(searcher, analyzer, q)) {
                        long id = searcher.doc(hit.doc).getField("id").numericValue().longValue();
                        line.append('\t').append(id).append(' ').append(hit.score);
                    }
                    out.println(line);
                }
            }
            if (sink < 0) System.err.println(sink); // keeps the searches observable
        }
    }

    /** The top 10 of `q`, without counting every match (stops counting at the threshold). */
    static ScoreDoc[] search(IndexSearcher searcher, Analyzer analyzer, BenchQuery q) throws IOException {
        TopScoreDocCollector collector = TopScoreDocCollector.create(TOP_K, TOTAL_HITS_THRESHOLD);
        searcher.search(luceneQuery(analyzer, q), collector);
        return collector.topDocs().scoreDocs;
    }

    /**
     * The Lucene query that means what the bench query means: keywords as SHOULD
     * term clauses (analysed), a phrase as a PhraseQuery (analysed, positions
     * kept), a prefix as a PrefixQuery and a fuzzy word as a FuzzyQuery (both on
     * the raw lower-case word, as tantivy's regex and fuzzy queries take it;
     * Lucene's defaults: a prefix scores constant (or, with `bm25`, the sum of
     * its matching terms' BM25), a fuzzy query blends the
     * scores of its 50 best-matching terms), no transpositions (as tantivy is
     * asked); role and chapter as FILTER term clauses on keyword fields.
     */
    static Query luceneQuery(Analyzer analyzer, BenchQuery q) throws IOException {
        Query main;
        switch (q.kind) {
            case "keywords": {
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                int clauses = 0;
                for (String word : q.words) {
                    for (String[] t : analyze(analyzer, word)) {
                        b.add(new TermQuery(new Term("text", t[0])), BooleanClause.Occur.SHOULD);
                        clauses++;
                    }
                }
                main = clauses == 0 ? new MatchNoDocsQuery() : b.build();
                break;
            }
            case "phrase": {
                PhraseQuery.Builder b = new PhraseQuery.Builder();
                int position = -1;
                for (String[] t : analyze(analyzer, String.join(" ", q.words))) {
                    position += Integer.parseInt(t[1]);
                    b.add(new Term("text", t[0]), position);
                }
                main = b.build();
                break;
            }
            case "prefix": {
                PrefixQuery prefix = new PrefixQuery(new Term("text", q.words[0]));
                if (scoredPrefix) prefix.setRewriteMethod(MultiTermQuery.SCORING_BOOLEAN_REWRITE);
                main = prefix;
                break;
            }
            case "fuzzy":
                main = new FuzzyQuery(new Term("text", q.words[0]), q.edits, 0, 50, false);
                break;
            default:
                throw new IllegalArgumentException("unknown query kind " + q.kind);
        }
        if (q.role.isEmpty() && q.chapter.isEmpty()) return main;
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(main, BooleanClause.Occur.MUST);
        if (!q.role.isEmpty()) b.add(new TermQuery(new Term("role", q.role)), BooleanClause.Occur.FILTER);
        if (!q.chapter.isEmpty()) b.add(new TermQuery(new Term("chapter", q.chapter)), BooleanClause.Occur.FILTER);
        return b.build();
    }

    /** The terms of `text` with their position increments, as {term, increment}. */
    static List<String[]> analyze(Analyzer analyzer, String text) throws IOException {
        List<String[]> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(new String[] {term.toString(), Integer.toString(increment.getPositionIncrement())});
            }
            stream.end();
        }
        return terms;
    }

    // ------------------------------------------------------------ input

    /** Splits an escaped tab-separated line into exactly `n` fields. */
    static String[] fields(String line, int n, Path file) {
        String[] out = new String[n];
        StringBuilder field = new StringBuilder();
        int k = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                if (k == n - 1) throw new IllegalArgumentException(file + ": more than " + n + " fields: " + line);
                out[k++] = field.toString();
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(++i);
                field.append(e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e);
            } else {
                field.append(c);
            }
        }
        out[k++] = field.toString();
        if (k != n) throw new IllegalArgumentException(file + ": " + k + " fields, expected " + n + ": " + line);
        return out;
    }
}
