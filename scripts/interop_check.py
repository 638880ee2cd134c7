#!/usr/bin/env python3
"""lstmsh and PyTorch compute the same model: the round trip in both directions.

1. Models trained in lstmsh, exported with `export pytorch` and saved with `save`, are rebuilt in
   PyTorch by the exported README's own code: same logits for the probe in check.safetensors
   (to 1e-5), same h_n and c_n; the checkpoint's model.safetensors loads into the same module.
2. A model trained in PyTorch (a few hundred steps, a small corpus), saved with safetensors and
   imported into lstmsh: same validation loss under `score` (to 1e-4), same greedy continuation
   under `sample --greedy`, and same logits at full precision (lstmsh re-exports it).

With --fixtures DIR it also writes the small models the Java tests import (no Python needed there).
Needs torch, safetensors and numpy; run through scripts/interop-check.sh, which builds the jar.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import torch
from torch import nn
from safetensors.torch import load_file, save_file

ROOT = Path(__file__).resolve().parent.parent
LOGIT_TOLERANCE = 1e-5
LOSS_TOLERANCE = 1e-4
failures = []


def lstmsh(jar, commands):
    """Runs lstmsh on ';'-separated commands and returns what it printed; stops the check on failure."""
    done = subprocess.run(["java", "-jar", str(jar), "-c", commands], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"lstmsh failed ({done.returncode}) on: {commands}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def check(what, value, tolerance):
    ok = value <= tolerance
    print(f"  {what}: max abs difference {value:.3e} ({'ok' if ok else 'FAILED'}, tolerance {tolerance:g})")
    if not ok:
        failures.append(what)


class LstmLm(nn.Module):
    """embedding → nn.LSTM runs → linear, named as lstmsh and the exported README name them."""

    def __init__(self, vocab, embed, runs, tie=False, names=("embedding", "lstm", "decoder")):
        super().__init__()
        self.names = names
        setattr(self, names[0], nn.Embedding(vocab, embed))
        sizes, lstms, width = [], [], embed
        for hidden, layers in runs:
            lstms.append(nn.LSTM(width, hidden, num_layers=layers, batch_first=True))
            width = hidden
        setattr(self, names[1], lstms[0] if len(lstms) == 1 else nn.ModuleList(lstms))
        setattr(self, names[2], nn.Linear(width, vocab))
        if tie:
            getattr(self, names[2]).weight = getattr(self, names[0]).weight

    def lstms(self):
        module = getattr(self, self.names[1])
        return list(module) if isinstance(module, nn.ModuleList) else [module]

    def forward(self, ids, states=None):
        x = getattr(self, self.names[0])(ids)
        states = states or [None] * len(self.lstms())
        new = []
        for lstm, state in zip(self.lstms(), states):
            x, state = lstm(x, state)
            new.append(state)
        return getattr(self, self.names[2])(x), new


def layer_states(states):
    """Per lstmsh layer (h, c), each (1, batch, hidden), from the states of the nn.LSTM runs."""
    out = []
    for h, c in states:
        out += [(h[k:k + 1], c[k:k + 1]) for k in range(h.shape[0])]
    return out


def readme_code(directory):
    text = (directory / "README.md").read_text(encoding="utf-8")
    return re.search(r"```python\n(.*?)```", text, re.S).group(1)


def lstmsh_to_pytorch(jar, work):
    print("lstmsh → PyTorch (export pytorch, save)")
    models = {
        "two runs (hidden 24,24,16)": "model new --embed 12 --hidden 24,24,16 --seed 3",
        "one run, tied (hidden 16 × 2)": "model new --embed 16 --hidden 16 --layers 2 --tie --seed 4",
    }
    for i, (label, new) in enumerate(models.items()):
        exported, checkpoint = work / f"export-{i}", work / f"checkpoint-{i}"
        lstmsh(jar, f"corpus load corpora/tales.txt; {new}; train --steps 40 --batch 8 --seq 32 --lr 0.01 --seed 1; "
                    f"export pytorch {exported}; save {checkpoint}")
        cwd = os.getcwd()
        os.chdir(exported)
        try:
            scope = {}
            exec(readme_code(exported), scope)  # the README's own code rebuilds and loads the module
        finally:
            os.chdir(cwd)
        model, expected = scope["model"], load_file(exported / "check.safetensors")
        with torch.no_grad():
            logits, states = model(expected["tokens"].long())
            states = [states] if isinstance(states, tuple) else states
            layers = layer_states(states)
            check(f"{label}: logits", (logits - expected["logits"]).abs().max().item(), LOGIT_TOLERANCE)
            check(f"{label}: h_n", max((h - expected[f"h_n.{l}"]).abs().max().item()
                                       for l, (h, _) in enumerate(layers)), LOGIT_TOLERANCE)
            check(f"{label}: c_n", max((c - expected[f"c_n.{l}"]).abs().max().item()
                                       for l, (_, c) in enumerate(layers)), LOGIT_TOLERANCE)
            model.load_state_dict(load_file(checkpoint / "model.safetensors"))  # strict: every key fits
            logits, _ = model(expected["tokens"].long())
            check(f"{label}: checkpoint logits", (logits - expected["logits"]).abs().max().item(), LOGIT_TOLERANCE)


def escape(token):
    return token.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def train_char_model(text, vocab, embed, runs, steps, seed, names, init=None, lr=0.005, batch=16, seq=32):
    torch.manual_seed(seed)
    model = LstmLm(len(vocab), embed, runs, names=names)
    if init is not None:
        for p in model.parameters():
            init(p)
    index = {t: i for i, t in enumerate(vocab)}
    data = torch.tensor([index[t] for t in text])
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(steps):
        starts = torch.randint(0, len(data) - seq - 1, (batch,), generator=generator)
        x = torch.stack([data[s:s + seq] for s in starts])
        y = torch.stack([data[s + 1:s + seq + 1] for s in starts])
        logits, _ = model(x)
        loss = nn.functional.cross_entropy(logits.reshape(-1, len(vocab)), y.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model.eval()


def score_loss(model, ids, start):
    """lstmsh's `score`: the first token predicted after `start` (a newline), each later one after the text before it."""
    with torch.no_grad():
        inputs = torch.tensor([[start] + ids[:-1]])
        logits, _ = model(inputs)
        return nn.functional.cross_entropy(logits[0], torch.tensor(ids), reduction="mean").item()


def greedy(model, ids, length):
    with torch.no_grad():
        logits, states = model(torch.tensor([ids]))
        out = []
        for _ in range(length):
            token = int(logits[0, -1].argmax())
            out.append(token)
            logits, states = model(torch.tensor([[token]]), states)
        return out


def pytorch_to_lstmsh(jar, work):
    print("PyTorch → lstmsh (import pytorch)")
    text = (ROOT / "corpora" / "tales.txt").read_text(encoding="utf-8")
    train_text, val_text = text[:60000], text[60000:62000]
    vocab = sorted(set(text[:62000]))
    model = train_char_model(train_text, vocab, 16, [(32, 2)], 300, 1, ("encoder", "rnn", "decoder"))
    weights, vocab_file, val_file = work / "torch-model.safetensors", work / "torch-vocab.txt", work / "val.txt"
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(weights))
    vocab_file.write_text("".join(escape(t) + "\n" for t in vocab), encoding="utf-8")
    val_file.write_text(val_text, encoding="utf-8")
    index = {t: i for i, t in enumerate(vocab)}
    loss = score_loss(model, [index[c] for c in val_text], index["\n"])
    prime, length = "The ", 60
    continuation = "".join(vocab[i] for i in greedy(model, [index["\n"]] + [index[c] for c in prime], length))
    reexport = work / "reexport"
    printed = lstmsh(jar, f"import pytorch {weights} --vocab {vocab_file}; score --file {val_file}; "
                          f"sample --greedy --prime '{prime}' --length {length}; export pytorch {reexport}")
    lstmsh_loss = float(re.search(r"loss (\d+\.\d+) nats/token", printed).group(1))
    print(f"  validation loss: PyTorch {loss:.6f}, lstmsh score {lstmsh_loss:.4f} (printed to 4 decimals)")
    check("validation loss", abs(loss - lstmsh_loss), LOSS_TOLERANCE)
    end = printed.index(f"\n[{length} tokens, greedy")
    sample = printed[printed.rindex(prime, 0, end):end]
    same = sample.replace("⏎", "") == prime + continuation or sample == prime + continuation
    print(f"  greedy continuation of {prime!r}: PyTorch {continuation!r}; lstmsh {'the same' if same else 'DIFFERENT'}")
    if not same:
        print(f"    lstmsh printed {sample!r}")
        failures.append("greedy continuation")
    expected = load_file(reexport / "check.safetensors")
    with torch.no_grad():
        logits, _ = model(expected["tokens"].long())
    check("imported model, full-precision logits", (logits - expected["logits"]).abs().max().item(), LOGIT_TOLERANCE)


def write_fixture(directory, model, vocab, vocab_name, vocab_text, probe):
    """A model, its vocabulary and the logits, h_n and c_n PyTorch computes for a probe sequence."""
    directory.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(directory / "model.safetensors"))
    (directory / vocab_name).write_text(vocab_text, encoding="utf-8")
    with torch.no_grad():
        logits, states = model(torch.tensor([probe]))
    expected = {"tokens": torch.tensor([probe], dtype=torch.float32), "logits": logits.contiguous()}
    for l, (h, c) in enumerate(layer_states(states)):
        expected[f"h_n.{l}"], expected[f"c_n.{l}"] = h.contiguous(), c.contiguous()
    save_file(expected, str(directory / "expected.safetensors"))


def fixtures(jar, work, target):
    print(f"fixtures → {target}")
    # A tiny char model named as word_language_model names it, with layers of two sizes.
    text = (ROOT / "corpora" / "tales.txt").read_text(encoding="utf-8")[:3000].lower()
    vocab = sorted(set(text))
    tiny = train_char_model(text, vocab, 4, [(6, 2), (5, 1)], 60, 2, ("encoder", "rnns", "fc"), lr=0.02)
    index = {t: i for i, t in enumerate(vocab)}
    write_fixture(target / "tiny", tiny, vocab, "vocab.txt", "".join(escape(t) + "\n" for t in vocab),
                  [index[c] for c in "\nonce upon a time"])
    # The classic question: "the cat is sleeping", uniform(0, 0.001) initialisation, a hidden state of 4.
    cat = work / "cat.txt"
    lstmsh(jar, f"corpus generate {cat} --kind imbalanced --seed 1; corpus load {cat} --level word; "
                f"model new --embed 8 --hidden 4 --layers 1; export pytorch {work / 'cat-vocab'}")
    words = json.loads((work / "cat-vocab" / "vocab.json").read_text(encoding="utf-8"))
    tokens = [w for line in cat.read_text(encoding="utf-8").splitlines() for w in line.split() + ["\n"]]
    collapsed = train_char_model(tokens, words, 8, [(4, 1)], 200, 1, ("embedding", "lstm", "decoder"),
                                 init=lambda p: nn.init.uniform_(p, 0, 0.001), lr=0.002, batch=8, seq=20)
    w = {t: i for i, t in enumerate(words)}
    write_fixture(target / "collapse", collapsed, words, "vocab.json", json.dumps(words),
                  [w[t] for t in ["\n", "the", "cat", "is", "sleeping", "\n", "a", "dog"]])
    for f in sorted(target.rglob("*")):
        if f.is_file():
            print(f"  {f.relative_to(target)}: {f.stat().st_size} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", default=str(ROOT / "target" / "lstmsh.jar"))
    parser.add_argument("--work", default=str(ROOT / "out" / "interop"))
    parser.add_argument("--fixtures", help="also write the Java tests' fixtures into this directory")
    args = parser.parse_args()
    jar, work = Path(args.jar).resolve(), Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    lstmsh_to_pytorch(jar, work)
    pytorch_to_lstmsh(jar, work)
    if args.fixtures:
        fixtures(jar, work, Path(args.fixtures).resolve())
    print("PyTorch round trip: " + ("all equal" if not failures else "FAILED: " + ", ".join(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
