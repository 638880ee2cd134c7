package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.engine.EngineSupport;

import picocli.CommandLine;

import java.util.Locale;

/** Checks the spelling of a device (cpu, gpu or gpu:N) while a command line is parsed; any --device option uses it. */
public class DeviceSpelling implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            EngineSupport.parseDevice(value);
        } catch (LstmshException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
