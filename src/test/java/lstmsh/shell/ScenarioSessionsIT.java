package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lstmsh.CommandTest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped session files are experiments that check themselves with 'expect': each must run
 * to the end. They train real models, so they run after packaging, in 'verify'.
 */
@CommandTest
class ScenarioSessionsIT {

    @ParameterizedTest
    @ValueSource(strings = {
        "sessions/scenarios/1-same-final-state.lstm",
        "sessions/scenarios/2-output-vs-hn.lstm",
        "sessions/scenarios/3-stacked-states.lstm",
        "sessions/scenarios/4-always-the-same-word.lstm",
        "sessions/scenarios/pytorch-collapse.lstm",
        "sessions/scenarios/keras-stacked.lstm",
        "sessions/collapse.lstm",
        "sessions/quickstart.lstm",
        "sessions/schedule-resume.lstm"
    })
    void sessionRunsToTheEnd(String file) {
        assertEquals(0, ProgramRunner.exitStatus("run", file), file + " failed; its output says at which line");
    }
}
