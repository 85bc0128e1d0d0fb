#!/usr/bin/env python3
"""Exports scikit-learn's bundled digits dataset (1,797 8x8 images, pixel values 0..16) once to
Tests/Fixtures/digits.txt, with a fixed 80/20 train/test split.

Format, one sample per line after a '#' header: a split letter ('t' train, 'v' test), the label digit, then
64 pixel values, each one character of "0123456789abcdefg" (0..16), row-major.

Usage: python3 scripts/reference/export_digits.py  (needs scikit-learn and numpy)
"""
import pathlib

import numpy as np
from sklearn.datasets import load_digits

ALPHABET = "0123456789abcdefg"


def main() -> None:
    digits = load_digits()
    images = digits.data.astype(np.int64)
    labels = digits.target.astype(np.int64)
    order = np.random.default_rng(20261123).permutation(len(labels))
    test = set(order[: len(labels) // 5].tolist())
    lines = ["# sklearn digits, split seed 20261123: t=train v=test, label, 64 pixels 0..16 as 0-9a-g"]
    for index, (image, label) in enumerate(zip(images, labels)):
        assert image.min() >= 0 and image.max() <= 16
        split = "v" if index in test else "t"
        lines.append(split + str(label) + "".join(ALPHABET[value] for value in image))
    out = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "digits.txt"
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out}: {len(labels)} samples, {len(test)} test")


if __name__ == "__main__":
    main()
