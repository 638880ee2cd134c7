package lstmsh.command;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.engine.EngineSupport;
import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The training commands as a user types them. */
@CommandTest
class TrainingCommandsTest {

    @TempDir Path dir;

    private final ShellFixture shell = new ShellFixture();

    @AfterEach
    void close() {
        shell.close();
    }

    private void train() throws Exception {
        Path corpus = TestCorpora.proseFile(dir.resolve("prose.txt"), 12_000, 3);
        shell.ok("corpus load " + corpus);
        shell.ok("model new --embed 16 --hidden 24 --layers 2 --forget-bias 1 --output-dropout 0.1");
        String out = shell.ok("train --steps 12 --batch 8 --seq 24 --lr 0.01 --schedule cosine --warmup 3 --eval-every 4"
                + " --optimizer adamw --weight-decay 0.01 --label-smoothing 0.05 --class-weights sqrt-inverse");
        assertTrue(out.contains("trained 12 steps"), out);
        assertTrue(out.contains("best validation loss so far"), out);
    }

    @Test
    void plotMetricsAndFigures() throws Exception {
        train();
        var figures = shell.workspace.figures();
        assertEquals(12, figures.get("train.global_step"));
        assertTrue(figures.get("train.lr") < 0.01, "cosine has decayed: " + figures.get("train.lr"));
        assertEquals(0, figures.get("train.stopped_early"));
        String plot = shell.ok("plot loss lr --width 40 --height 6");
        assertTrue(plot.contains("loss (nats/token)") && plot.contains("lr (learning rate, log scale)"), plot);
        assertTrue(plot.chars().anyMatch(c -> c > 0x2800 && c <= 0x28FF), "braille dots drawn");
        Path csv = dir.resolve("out/m.csv");
        shell.ok("metrics export " + csv);
        List<String> rows = Files.readAllLines(csv);
        assertEquals("step,loss,val_loss,lr,grad_norm", rows.get(0));
        assertEquals(13, rows.size());
        assertTrue(rows.get(4).startsWith("4,") && !rows.get(4).split(",")[2].isEmpty(), "validation at step 4: " + rows.get(4));
        assertTrue(rows.get(1).split(",", -1)[2].isEmpty(), "no validation at step 1: " + rows.get(1));
        String show = shell.ok("metrics show --last 2");
        assertTrue(show.contains("--optimizer adamw") && show.contains("--schedule cosine --warmup 3"), show);
        Path png = dir.resolve("curves.png");
        shell.ok("plot loss val_loss lr grad_norm --png " + png);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertEquals("\u0089PNG", new String(head, StandardCharsets.ISO_8859_1));
    }

    @Test
    void theNgramBaselineIsShownByStatsThenBesideTheModelsLoss() throws Exception {
        Path corpus = TestCorpora.proseFile(dir.resolve("prose.txt"), 12_000, 3);
        shell.ok("corpus load " + corpus);
        String stats = shell.ok("corpus stats --top 1");
        assertTrue(stats.matches("(?s).*best n-gram \\(Kneser-Ney, order [2-8]\\): \\d\\.\\d{4} nats/token \\(\\d\\.\\d{3} bits\\)"
                + " on the validation split; unigram \\d\\.\\d{4}\n.*"), stats);
        shell.ok("expect corpus.ngram_loss > 0", "expect corpus.ngram_loss < 3", "expect corpus.ngram_order >= 2");
        shell.ok("model new --embed 8 --hidden 16 --layers 1");
        String train = shell.ok("train --steps 4 --batch 4 --seq 16 --eval-every 2");
        assertTrue(train.matches("(?s).*\nvalidation \\d\\.\\d\\d nats; unigram \\d\\.\\d\\d; best n-gram \\(order [2-8]\\) \\d\\.\\d\\d\n.*"),
                train);
        assertTrue(shell.ok("status").contains("  baselines  validation "));
    }

    @Test
    void settingsErrorsAreOneLine() throws Exception {
        train();
        assertTrue(shell.fail("train --steps 5 --decay 0.9").contains("--schedule step"));
        assertTrue(shell.fail("train --steps 5 --optimizer lion").contains("adam, adamw, sgd or rmsprop"));
        assertTrue(shell.fail("train --steps 5 --optimizer adam --momentum 0.9").contains("sgd and rmsprop"));
        assertTrue(shell.fail("train --steps 5 --class-weights rare").contains("sqrt-inverse"));
        assertTrue(shell.fail("model new --embed 16 --hidden 24 --tie").contains("--embed 24"));
        assertTrue(shell.fail("model new --init uniform:1,0").contains("LOW < HIGH"));
        assertTrue(shell.fail("plot perplexity").contains("loss, val_loss, lr or grad_norm"));
        // The model survived every refusal.
        assertEquals(12, shell.workspace.training().globalStep());
    }

    @Test
    void benchReportsItsFigures() {
        String out = shell.ok("bench --hidden 16,24 --layers 2 --batch 4 --seq 8 --embed 8 --steps 1 --rounds 1"
                + " --matmul-size 64 --memory --memory-steps 20");
        assertTrue(out.contains("bare fused LSTM forward+backward") && out.contains("lstmsh training step"), out);
        var f = shell.workspace.figures();
        for (String name : List.of("bench.matmul_gflops", "bench.lstm_tok_per_s", "bench.train_tok_per_s",
                "bench.train_ratio", "bench.h24.train_ratio")) {
            assertTrue(f.get(name) > 0, name + " = " + f.get(name));
        }
        assertEquals(f.get("bench.h16.train_ratio"), f.get("bench.train_ratio"));
        assertTrue(Double.isFinite(f.get("bench.rss_growth")), out);
    }

    @Test
    void aModelThatDoesNotFitTheCorpusIsRefusedBeforeItMoves() throws Exception {
        Path prose = TestCorpora.proseFile(dir.resolve("prose.txt"), 12_000, 3);
        Path other = dir.resolve("other.txt");
        Files.writeString(other, "Zürich ß façade! ".repeat(400), StandardCharsets.UTF_8);
        shell.ok("corpus load " + prose);
        shell.ok("model new --embed 8 --hidden 16 --layers 1");
        var model = shell.workspace.model();
        var where = model.manager().getDevice();
        var inUse = EngineSupport.device();
        shell.ok("corpus load " + other);
        try {
            String error = shell.fail("train --steps 2 --batch 4 --seq 16 --device cpu");
            assertTrue(error.contains("unknown to the model"), error);
            String printed = shell.output();
            assertFalse(printed.contains("device"), "no device was chosen: " + printed);
            assertSame(model, shell.workspace.model());
            assertEquals(where, shell.workspace.model().manager().getDevice());
            assertEquals(inUse, EngineSupport.device());
        } finally {
            EngineSupport.resetDevice();
        }
    }
}
