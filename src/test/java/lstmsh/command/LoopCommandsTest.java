package lstmsh.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CommandTest;
import lstmsh.CyclingModel;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;
import lstmsh.shell.ShellFixture;
import lstmsh.train.TrainingState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

@CommandTest
class LoopCommandsTest {

    private final ShellFixture shell = new ShellFixture();

    /** A model that cycles a → b → c, strongly enough for greedy decoding, not for temperature 1. */
    @BeforeEach
    void setUp() {
        Corpus corpus = CyclingModel.chars();
        shell.workspace.setCorpus(corpus);
        LstmLanguageModel model = CyclingModel.of(corpus, List.of("a", "b", "c"), 2);
        shell.workspace.setModel(model, new TrainingState(model.manager()), "cycle");
    }

    @AfterEach
    void tearDown() {
        shell.close();
    }

    private static void assertHas(String text, String part) {
        assertTrue(text.contains(part), "no '" + part + "' in:\n" + text);
    }

    @Test
    void aLoopingSamplePointsToInspectLoopWhichReplaysItAndBlamesTheDecoding() {
        String sampled = shell.ok("sample --greedy --length 300");
        assertHas(sampled, "warning LOOP: a 3-token sequence \"abc\"");
        assertHas(sampled, "  advice: inspect loop");
        assertHas(shell.ok("diagnose"), "warning LOOP: last sample: a 3-token sequence \"abc\" repeats 100.0 times back to back"
                + " (300 tokens)\n  try: inspect loop\n");
        String out = shell.ok("inspect loop", "expect loop.period >= 3", "expect loop.period <= 3",
                "expect loop.attractor >= 1", "expect loop.escape_temperature <= 0.8");
        assertHas(out, "replayed (the last sample's settings): 300 tokens, greedy, seed 1, from a newline\n");
        assertHas(out, "loop: a 3-token unit \"abc\" repeats 100.0 times back to back from token 0 (300 tokens of 300)");
        assertHas(out, "every layer returns to where it was one period earlier");
        assertHas(out, "escape from inside the loop (3 draws each, the rest of the sample's length): lowest"
                + " temperature 0.8; at temperature 1, lowest top-p 0.");
        assertHas(out, "verdict: the decoding is too greedy");
        assertHas(out, "  try: sample --temperature 0.8 --length 300 --seed 1\n");
    }

    @Test
    void optionsReplaceTheLastSamplesSettingsAndWithoutOneDecodingIsGreedy() {
        String out = shell.ok("inspect loop");
        assertHas(out, "replayed (no sample yet): " + InspectLoopCommand.FIRST_LENGTH + " tokens, greedy, seed 1");
        out = shell.ok("inspect loop --temperature 1.0 --length 50 --seed 3", "expect loop.period <= 0");
        assertHas(out, "replayed (no sample yet): 50 tokens, temperature 1.0, seed 3, from a newline\n");
        assertHas(out, "no loop: the replay raised neither LOOP nor REPEAT_RUN (50 tokens); nothing to explain\n"
                + "  try: inspect loop --greedy --length 400\n");
        shell.ok("sample --length 20 --temperature 0.7 --prime \"ab\" --seed 5");
        assertHas(shell.ok("inspect loop --greedy"), "replayed (the last sample's settings): 20 tokens, greedy, seed 5,"
                + " prime \"ab\"");
        assertHas(shell.fail("inspect loop --top-p 2"), "--top-p must be in (0, 1], got 2.0");
    }

    @Test
    void scoreRepetitionReadsTheValidationTextAndSamplesAtEachTemperature() {
        String out = shell.ok("score --repetition --temperatures 0.2,1.0 --tokens 30", "expect score.tokens <= 30",
                "expect score.rep16 >= score.wrep16", "expect score.seq_rep4 <= 1");
        assertHas(out, "the validation text, 30 tokens read teacher-forced: loss ");
        assertTrue(out.lines().anyMatch(l -> l.matches(" {5}16 {3}\\d\\.\\d{3} {3}\\d\\.\\d{3} {8}\\d\\.\\d{3}")), out);
        assertHas(out, "seq-rep-4 of 200-token samples (seed 1; the text is shorter than one window):\n"
                + "  temperature 0.2   0.97\n  temperature 1.0   0.12\n");
        assertHas(shell.ok("score --repetition \"abcd\" --temperatures 0.5"), "the text, 4 tokens read teacher-forced");
        assertEquals(0.25, shell.workspace.figures().get("score.rep16"), 1e-12);
        assertHas(shell.fail("score --repetition --tokens 0"), "--tokens must be at least 1, got 0");
        assertHas(shell.fail("score --repetition --temperatures 0"), "--temperatures takes positive numbers");
    }
}
