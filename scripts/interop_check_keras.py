#!/usr/bin/env python3
"""Checks `import keras` against real Keras 3 (any backend; needs keras, numpy, h5py).

  python scripts/interop_check_keras.py                 # train, import, compare (needs target/lstmsh.jar)
  python scripts/interop_check_keras.py --fixtures DIR  # write the tiny fixtures the Java tests read

The check trains Embedding -> LSTM(64) -> LSTM(32) -> Dense on a small character corpus for a few
hundred steps, saves it as .keras, imports it into lstmsh, and compares the validation loss (to 1e-4)
and a greedy continuation. It also prints the largest difference between Keras' logits and logits
computed from the weights in the PyTorch layout that lstmsh imports (transposed kernels, gates
i, f, g, o, Keras' bias as bias_ih and zero bias_hh).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import keras  # noqa: E402

TOLERANCE_LOSS = 1e-4


def build(vocab, embed, units, rnn=keras.layers.LSTM, **lstm_options):
    layers = [keras.Input((None,), dtype="int32"), keras.layers.Embedding(vocab, embed)]
    layers += [rnn(u, return_sequences=True, **lstm_options) for u in units]
    layers.append(keras.layers.Dense(vocab))
    return keras.Sequential(layers)


def windows(ids, steps, batch, rng):
    starts = rng.integers(0, len(ids) - steps - 1, size=batch)
    x = np.stack([ids[s:s + steps] for s in starts])
    y = np.stack([ids[s + 1:s + steps + 1] for s in starts])
    return x, y


def train(model, ids, steps, seq, batch, seed):
    model.compile(optimizer=keras.optimizers.Adam(0.005),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    rng = np.random.default_rng(seed)
    for step in range(steps):
        x, y = windows(ids, seq, batch, rng)
        loss = model.train_on_batch(x, y)
    return float(loss)


def torch_layout(model):
    """The weights as lstmsh imports them: PyTorch's nn.LSTM layout."""
    layers = []
    embedding = None
    decoder = None
    for layer in model.layers:
        w = [np.asarray(v) for v in layer.get_weights()]
        if isinstance(layer, keras.layers.Embedding):
            embedding = w[0]
        elif isinstance(layer, keras.layers.LSTM):
            layers.append((w[0].T, w[1].T, w[2], np.zeros_like(w[2])))
        elif isinstance(layer, keras.layers.Dense):
            decoder = (w[0].T, w[1])
    return embedding, layers, decoder


def torch_logits(weights, ids):
    """nn.Embedding -> nn.LSTM (gates i, f, g, o) -> nn.Linear in float64 numpy."""
    embedding, layers, (w_out, b_out) = weights
    x = embedding[ids].astype(np.float64)
    states = []
    for w_ih, w_hh, b_ih, b_hh in layers:
        h_size = w_hh.shape[1]
        h = np.zeros(h_size)
        c = np.zeros(h_size)
        out = []
        for t in range(len(ids)):
            gates = w_ih @ x[t] + b_ih + w_hh @ h + b_hh
            i, f, g, o = np.split(gates, 4)
            sigmoid = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
            out.append(h)
        x = np.stack(out)
        states.append((h, c))
    return x @ w_out.T + b_out, states


def keras_states(model, ids):
    """Each LSTM layer's final h and c, from Keras itself (return_state on copies of the layers)."""
    x = model.layers[0](np.array([ids]))
    states = []
    for layer in model.layers[1:]:
        if isinstance(layer, keras.layers.LSTM):
            twin = keras.layers.LSTM(layer.units, return_sequences=True, return_state=True)
            twin.build(x.shape)
            twin.set_weights(layer.get_weights())
            x, h, c = twin(x)
            states.append((np.asarray(h)[0].tolist(), np.asarray(c)[0].tolist()))
    return states


def keras_loss(model, ids, start):
    """Mean negative log likelihood of ids[1:]... as `score` measures it: the first token after `start`."""
    inputs = np.array([[start] + list(ids[:-1])])
    logits = np.asarray(model(inputs))[0].astype(np.float64)
    logits -= logits.max(axis=1, keepdims=True)
    log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(ids)), ids].mean())


def keras_greedy(model, prime_ids, length):
    ids = list(prime_ids)
    for _ in range(length):
        logits = np.asarray(model(np.array([ids])))[0, -1]
        ids.append(int(np.argmax(logits)))
    return ids[len(prime_ids):]


def save_small(model, path):
    """model.save, with the archive deflated: Keras stores it uncompressed, and reads either."""
    model.save(path)
    with zipfile.ZipFile(path) as z:
        entries = [(name, z.read(name)) for name in z.namelist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in entries:
            z.writestr(name, data)
    keras.saving.load_model(path)


def stacked_model(args, embed, steps=None):
    """Embedding -> LSTM(64) -> LSTM(32) -> Dense, trained on the start of the corpus; 10% held out."""
    with open(args.corpus, encoding="utf-8") as f:
        text = f.read()[:args.chars]
    tokens = sorted(set(text))
    ids = np.array([tokens.index(ch) for ch in text])
    split = int(len(ids) * 0.9)
    keras.utils.set_random_seed(args.seed)
    model = build(len(tokens), embed, [64, 32])
    steps = steps or args.steps
    last = train(model, ids[:split], steps, 64, 32, args.seed)
    print(f"trained Keras ({keras.backend.backend()} backend) {steps} steps, last training loss {last:.4f}")
    return model, tokens, ids[split:split + args.val_chars]


def write_fixtures(out, args):
    os.makedirs(out, exist_ok=True)
    text = "the cat is sleeping\n" * 20
    tokens = sorted(set(text))
    ids = np.array([tokens.index(ch) for ch in text])
    keras.utils.set_random_seed(7)
    model = build(len(tokens), 4, [6, 5])
    train(model, ids, 40, 12, 8, seed=7)
    save_small(model, os.path.join(out, "tiny.keras"))
    # As saved by an uncompiled copy: the bare weights file then holds no optimizer state.
    bare = build(len(tokens), 4, [6, 5])
    bare.set_weights(model.get_weights())
    bare.save_weights(os.path.join(out, "tiny.weights.h5"))
    with open(os.path.join(out, "tiny-vocab.json"), "w") as f:
        json.dump(tokens, f)
    probe = [tokens.index(ch) for ch in "the cat is"]
    logits = np.asarray(model(np.array([probe])))[0]
    own, _ = torch_logits(torch_layout(model), np.array(probe))
    print(f"fixture: Keras logits vs PyTorch-layout logits, max abs diff {np.abs(own - logits).max():.2e}")
    with open(os.path.join(out, "tiny-expected.json"), "w") as f:
        json.dump({"input": probe, "logits": np.round(logits, 7).tolist(), "states": keras_states(model, probe)}, f)
    save_small(build(len(tokens), 4, [6], rnn=keras.layers.GRU), os.path.join(out, "gru.keras"))
    bidirectional = keras.Sequential([keras.Input((None,), dtype="int32"), keras.layers.Embedding(len(tokens), 4),
                                      keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True)),
                                      keras.layers.Dense(len(tokens))])
    save_small(bidirectional, os.path.join(out, "bidirectional.keras"))
    save_small(build(len(tokens), 4, [6], activation="relu"), os.path.join(out, "relu.keras"))
    # For sessions/scenarios/keras-stacked.lstm: saved without its optimizer state to stay small.
    stacked, stacked_tokens, _ = stacked_model(args, embed=16, steps=1500)
    bare = build(len(stacked_tokens), 16, [64, 32])
    bare.set_weights(stacked.get_weights())
    save_small(bare, os.path.join(out, "stacked.keras"))
    with open(os.path.join(out, "stacked-vocab.json"), "w") as f:
        json.dump(stacked_tokens, f)
    for name in sorted(os.listdir(out)):
        print(f"  {name}: {os.path.getsize(os.path.join(out, name))} bytes")


def lstmsh(jar, lines):
    run = subprocess.run(["java", "-jar", jar, "-c", "; ".join(lines)], capture_output=True, text=True)
    return run.returncode, run.stdout + run.stderr


def check(args):
    model, tokens, val_ids = stacked_model(args, embed=32)
    work = tempfile.mkdtemp(prefix="keras-check-")
    path = os.path.join(work, "model.keras")
    model.save(path)
    vocab = os.path.join(work, "vocab.json")
    with open(vocab, "w") as f:
        json.dump(tokens, f)
    val_path = os.path.join(work, "val.txt")
    with open(val_path, "w", encoding="utf-8") as f:
        f.write("".join(tokens[i] for i in val_ids))

    newline = tokens.index("\n")
    expected_loss = keras_loss(model, val_ids, newline)
    prime = "The "
    greedy = "".join(tokens[i] for i in keras_greedy(model, [tokens.index(ch) for ch in prime], args.length))
    logits = np.asarray(model(np.array([val_ids[:200]])))[0]
    own, _ = torch_logits(torch_layout(model), val_ids[:200])
    print(f"Keras logits vs PyTorch-layout logits (200 steps): max abs diff {np.abs(own - logits).max():.2e}")

    low, high = expected_loss - TOLERANCE_LOSS, expected_loss + TOLERANCE_LOSS
    rc, out = lstmsh(args.jar, [
        f"import keras {path} --vocab {vocab} --level char",
        f"score --file {val_path} --rows 0",
        f"expect score.loss > {low:.6f}", f"expect score.loss < {high:.6f}",
        f"sample --greedy --prime '{prime}' --length {args.length}",
        f"export keras {os.path.join(work, 'back.weights.h5')}"])
    failures = []
    found = re.search(r"loss ([0-9.]+) nats/token", out)
    print(f"validation loss ({len(val_ids)} tokens): Keras {expected_loss:.6f}, lstmsh "
          f"{found.group(1) if found else '?'} (printed to 4 places)")
    if out.count("ok: score.loss") == 2:
        print(f"  lstmsh's loss lies within {TOLERANCE_LOSS:g} of Keras' (expect checked both bounds)")
    else:
        failures.append("validation loss")
    if (prime + greedy) in out:
        print(f"greedy continuation of {prime!r}, {args.length} tokens: identical ({greedy!r})")
    else:
        failures.append("greedy continuation")
        print(f"greedy continuation differs; Keras gave {greedy!r}")
    back = build(len(tokens), 32, [64, 32])
    back.load_weights(os.path.join(work, "back.weights.h5"))
    round_trip = max(np.abs(a - b).max() for a, b in zip(model.get_weights(), back.get_weights()))
    print(f"Keras -> lstmsh -> export keras -> Keras: weights max abs diff {round_trip:.2e}")
    if round_trip > 1e-6:
        failures.append("export keras round trip")
    if rc == 0:
        failures += check_export(args, work, val_path, prime)
    if rc != 0 or failures:
        print(out)
        print("FAILED: " + ", ".join(failures or ["lstmsh exited with " + str(rc)]))
        return 1
    print("OK")
    return 0


def check_export(args, work, val_path, prime):
    """A model trained in lstmsh, exported with `export keras`, loaded in Keras: same loss and greedy text."""
    checkpoint = os.path.join(work, "trained")
    weights = os.path.join(work, "lstmsh.weights.h5")
    rc, out = lstmsh(args.jar, [
        f"corpus load {args.corpus}", "model new --embed 16 --hidden 32,16 --seed 1",
        "train --steps 40 --batch 16 --seq 64 --seed 1", f"save {checkpoint}",
        f"sample --greedy --prime '{prime}' --length {args.length}", f"export keras {weights}"])
    if rc != 0:
        print(out)
        return ["lstmsh training and export"]
    with open(os.path.join(work, "lstmsh.vocab.json"), encoding="utf-8") as f:
        tokens = json.load(f)
    model = build(len(tokens), 16, [32, 16])
    model.load_weights(weights)
    with open(val_path, encoding="utf-8") as f:
        val_ids = [tokens.index(ch) for ch in f.read()]
    loss = keras_loss(model, np.array(val_ids), tokens.index("\n"))
    greedy = "".join(tokens[i] for i in keras_greedy(model, [tokens.index(ch) for ch in prime], args.length))
    rc, scored = lstmsh(args.jar, [f"load {checkpoint}", f"score --file {val_path} --rows 0",
                                   f"expect score.loss > {loss - TOLERANCE_LOSS:.6f}",
                                   f"expect score.loss < {loss + TOLERANCE_LOSS:.6f}"])
    found = re.search(r"loss ([0-9.]+) nats/token", scored)
    print(f"lstmsh-trained model in Keras: validation loss Keras {loss:.6f}, lstmsh "
          f"{found.group(1) if found else '?'}" + (f", within {TOLERANCE_LOSS:g}" if rc == 0 else ", NOT within tolerance"))
    failures = [] if rc == 0 else ["exported model's loss"]
    # lstmsh shows a run of blanks as "␣ ×N".
    blanks = greedy == " " * args.length and f"␣ ×{args.length}" in out
    if (prime + greedy) in out or blanks:
        print(f"  greedy continuation of {prime!r}: identical ({greedy!r})")
    else:
        print(f"  greedy continuation differs; Keras gave {greedy!r}")
        failures.append("exported model's greedy continuation")
    if failures:
        print(out + scored)
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fixtures", metavar="DIR", help="write the tiny Java test fixtures to DIR and stop")
    parser.add_argument("--jar", default="target/lstmsh.jar")
    parser.add_argument("--corpus", default="corpora/tales.txt")
    parser.add_argument("--chars", type=int, default=60000, help="characters of the corpus used")
    parser.add_argument("--val-chars", type=int, default=2000, help="validation characters scored")
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--length", type=int, default=60, help="greedy continuation length")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.fixtures:
        write_fixtures(args.fixtures, args)
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
