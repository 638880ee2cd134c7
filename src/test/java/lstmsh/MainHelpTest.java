package lstmsh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The program's own usage shows its text as written: "${NAME}" is not a value the option parser fills in. */
@CommandTest
class MainHelpTest {

    @Test
    void theDefineOptionShowsHowAVariableIsWritten() {
        String usage = new CommandLine(new Main()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(usage.contains("Set a session variable, used as ${NAME} in the file"), usage);
    }
}
