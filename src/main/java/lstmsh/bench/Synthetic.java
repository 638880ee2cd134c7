package lstmsh.bench;

import lstmsh.corpus.CharTokenizer;
import lstmsh.corpus.Tokens;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.train.ClassWeights;
import lstmsh.train.StreamBatches;
import lstmsh.train.TrainingData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/** Random tokens and a model of the benchmark's shapes; timing does not depend on what is learned. */
final class Synthetic {

    private Synthetic() {}

    static Vocabulary vocabulary(int size) {
        List<String> tokens = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            tokens.add(new String(Character.toChars(0x4E00 + i)));
        }
        return new Vocabulary(tokens);
    }

    static Tokens tokens(int count, int vocabulary, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = random.nextInt(vocabulary);
        }
        return Tokens.of(ids, count, vocabulary);
    }

    static LstmLanguageModel model(BenchSettings s, int hidden) {
        ModelSettings settings = new ModelSettings(s.embed(), Collections.nCopies(s.layers(), hidden), 0f, 1);
        return LstmLanguageModel.create(settings, vocabulary(s.vocab()), CharTokenizer.INSTANCE);
    }

    /** Training batches over {@code windows} windows per epoch, and validation when {@code withValidation}. */
    static TrainingData data(BenchSettings s, int windows, boolean withValidation) {
        Tokens train = tokens(s.batch() * (s.seq() * windows + 1), s.vocab(), 1);
        StreamBatches val = null;
        if (withValidation) {
            val = new StreamBatches(tokens(s.batch() * (s.seq() * Math.max(1, windows / 10) + 1), s.vocab(), 2),
                    s.batch(), s.seq());
        }
        return new TrainingData(new StreamBatches(train, s.batch(), s.seq()), val, ClassWeights.count(train, s.vocab()));
    }
}
