r"""Read the displayed math of a generated LaTeX document back and decide whether it is true.

Used by test_presentation.py.  Every ``align*`` row is pulled out of the LaTeX (continuation
lines joined to their row, notes in ``\tag*`` dropped), the notation a document uses is mapped
to names symgrad's own LaTeX reader (``symgrad.parsing.parse``) accepts, and each row is read
with it.  The mapping is notation only: a superscripted name (x^{(1)}, W^{(1)}_{21}) becomes a
plain symbol, ∂NAME/∂VAR a placeholder evaluated here, \sum_{i=1}^{m} the factor S (every
sum shown is a sum of like per-sample terms, linear in them, so this keeps equalities exact)
and a sample index _{i} is dropped.

A row ``L = R₁ = R₂ …`` whose left side is a name not seen before *defines* it (its right sides
must still agree); any other row must hold: exactly when SymPy can decide, else at random
points.  ``A ⇔ B ⇔ C`` rows must have the same solution sets; ``a ≠ b`` must differ.
"""

from __future__ import annotations

import random
import re

import mpmath
import sympy

from symgrad.parsing.core import parse

S_SUM = sympy.Symbol("S0", real=True)


def environments(tex: str) -> list[list[str]]:
    """The printed lines of each align* environment, as printed (notes kept)."""
    return [body.split(" \\\\\n")
            for body in re.findall(r"\\begin\{align\*\}\n(.*?)\n\\end\{align\*\}", tex, re.S)]


def align_lines(tex: str) -> list[str]:
    """The lines of every align* environment, in order, notes (\\tag*) removed."""
    lines = []
    for body in environments(tex):
        for line in body:
            line = re.sub(r" \\tag\*\{.*\}$", "", line)
            m = re.fullmatch(r"(.*?)&\\scalebox\{([\d.]+)\}\{\$\\displaystyle \{\}(.*)\$\}", line)
            if m:
                assert float(m[2]) >= 0.8, f"scaled below 80%: {line}"
                line = f"{m[1]}&{m[3]}"
            lines.append(line)
    return lines


_OPERATOR = ("+", "-", r"\cdot", "=", r"\iff", r"\neq", r"\leftarrow")


def _strip_lead(right: str) -> str:
    right = right.strip()
    while True:
        if right.startswith(r"\quad"):
            right = right[len(r"\quad"):].lstrip()
        elif right.startswith(r"\hphantom{"):
            right = right[_close(right, len(r"\hphantom")) + 1:].lstrip()
        else:
            return right


def _close(s: str, k: int) -> int:
    depth = 0
    for j in range(k, len(s)):
        depth += (s[j] == "{") - (s[j] == "}")
        if depth == 0:
            return j
    raise ValueError(f"unbalanced braces in {s!r}")


def is_continuation(line: str) -> bool:
    """A printed line that continues the row above it: no left side, an operator first."""
    left, _, right = line.partition("&")
    m = re.fullmatch(r"\\scalebox\{[\d.]+\}\{\$\\displaystyle \{\}(.*)\$\}(.*)", right.strip())
    body = _strip_lead(m[1] if m else right)
    return not left.strip() and body.startswith(_OPERATOR) and not body.startswith(r"\frac")


def check_printed_lines(tex: str) -> int:
    r"""Every printed line, in order: a line is a whole row, or the first line of a broken row
    directly followed by its continuation (an operator first), or such a continuation.  A note
    (``\\tag*``) may only stand on a row's last line, and no environment (a frame, a
    paragraph) may start with a continuation.  Returns how many broken rows were seen.

    >>> check_printed_lines("\\begin{align*}\nf &= a \\\\\n &\\quad + b \\tag*{n}\n\\end{align*}")
    1
    """
    broken = 0
    for body in environments(tex):
        assert not is_continuation(body[0]), f"an environment starts with a continuation: {body[0]}"
        for line, after in zip(body, [*body[1:], None]):
            if after is not None and is_continuation(after):
                assert r"\tag*" not in line, \
                    f"a note between a row's first line and its continuation: {line} / {after}"
                broken += not is_continuation(line)
    return broken


def rows(tex: str) -> list[str]:
    """Display rows with their continuation lines joined; asserts how continuations look."""
    out = []
    for line in align_lines(tex):
        left, _, right = line.partition("&")
        body = _strip_lead(right)
        if not left.strip() and body.startswith(_OPERATOR) and not body.startswith(r"\frac"):
            assert out, f"a continuation line with nothing before it: {line}"
            out[-1] += " " + body
            continue
        assert left.strip() or body.startswith((r"\frac", r"\delta", "f", r"\xi")), \
            f"a line that is neither a row nor a continuation: {line}"
        out.append(f"{left.strip()} {body}".strip())
    return out


class Reader:
    """Reads rows in order, keeping the names they define."""

    def __init__(self):
        self.defs: dict[sympy.Symbol, sympy.Expr] = {}
        self.functions: dict[str, tuple] = {}
        self.placeholders: dict[sympy.Symbol, object] = {}
        self.opaque: list[str] = []
        self.checked = 0
        self.names: dict[str, sympy.Symbol] = {}

    # ------------------------------------------------------------------ notation → reader
    def _name(self, tex: str) -> sympy.Symbol:
        if tex not in self.names:
            self.names[tex] = sympy.Symbol(f"Q{len(self.names) + 1}", real=True)
            self.placeholders[self.names[tex]] = ("name", tex)
        return self.names[tex]

    def _token(self, sym: sympy.Symbol) -> str:
        return f"{sym.name[0]}_{{{sym.name[1:]}}}"

    def normalise(self, tex: str) -> str:
        tex = tex.replace(r"\left[", r"\left(").replace(r"\right]", r"\right)")
        # A matrix's display-style fractions and row spacing are notation only.
        tex = re.sub(r"\\\\\[[^]]*\]", r"\\\\", tex.replace(r"\dfrac", r"\frac"))
        tex = re.sub(r"\\sum_\{i=1\}\^\{m\}", r" S_{0} \\cdot ", tex)
        tex = re.sub(r"\\ell(?![A-Za-z])(_\{i\})?", lambda m: self._token(self._name("ell")), tex)
        tex = re.sub(r"(?<![A-Za-z\\])([A-Za-z])_\{i\}", r"\1", tex)
        tex = tex.replace(r"^{\,(", "^{(")
        sup = r"(\\?[A-Za-z]+)\^\{\(([^)]*)\)\}(?:_\{([^}]*)\})?"
        tex = re.sub(sup, lambda m: self._token(self._name(m.group(0))), tex)
        wrt = r"((?:[^{}]|\{[^{}]*\})*)"
        name = r"(?:\^\{(\d)\})? (\\?[A-Za-z_{}0-9]+)\}"
        tex = re.sub(r"\\frac\{\\partial" + name + r"\{\\partial " + wrt + r"\}",
                     self._derivative_name, tex)
        tex = re.sub(r"\\frac\{d" + name + r"\{d " + wrt + r"\}",
                     self._derivative_name, tex)
        tex = tex.replace(r"\mathsf T", "T")
        tex = re.sub(r"_\{([^{}]*),i\}", r"_{\1}", tex)
        return self._derivatives_of_expressions(tex)

    def _derivatives_of_expressions(self, tex: str) -> str:
        # \frac{∂}{∂v}\left( body \right): a placeholder for the derivative of the body.
        head = re.compile(r"\\frac\{(?:\\partial|d)(?:\^\{(\d)\})?\}"
                          r"\{(?:\\partial|d) ((?:[^{}]|\{[^{}]*\})*)\}\\left\(")
        while m := head.search(tex):
            depth, k = 1, m.end()
            while depth:
                if tex.startswith(r"\left", k):
                    depth += 1
                elif tex.startswith(r"\right", k):
                    depth -= 1
                    if depth == 0:
                        break
                k += 1
            body = tex[m.end():k]
            sym = sympy.Symbol(f"D{len(self.placeholders) + 1}", real=True)
            self.placeholders[sym] = ("dexpr", body, m.group(2), int(m.group(1) or 1))
            tex = tex[:m.start()] + self._token(sym) + tex[k + len(r"\right)"):]
        return tex

    def _derivative_name(self, m) -> str:
        name = m.group(2)
        wrt = []
        for part in re.split(r"\\partial|(?<![A-Za-z])d(?= )", m.group(3)):
            if part.strip():
                v = re.fullmatch(r"\s*(.*?)(?:\^\{(\d)\})?\s*", part)
                wrt.append((v[1], int(v[2] or 1)))
        sym = sympy.Symbol(f"D{len(self.placeholders) + 1}", real=True)
        self.placeholders[sym] = ("d", name, wrt)
        return self._token(sym)

    def read(self, tex: str):
        """One side (or a matrix) as SymPy, placeholders resolved later."""
        tex = tex.strip()
        m = re.fullmatch(r"\\begin\{pmatrix\}(.*)\\end\{pmatrix\}", tex, re.S)
        if m:
            return sympy.Matrix([[self.read(c) for c in r.split("&")]
                                 for r in m[1].split(r"\\")])
        for fname in self.functions:
            call = re.fullmatch(rf"{fname}\\left\((.*)\\right\)", tex)
            if call:
                args = [self.read(a) for a in call[1].split(",")]
                return ("call", fname, args)
        return parse("{" + tex + "}")

    # ------------------------------------------------------------------ meaning
    def _symbol_of(self, tex_name: str) -> sympy.Expr:
        return self.read(self.normalise(tex_name))

    def value(self, expr, expand: bool = True):
        """Placeholders and derivatives evaluated, definitions substituted (when ``expand``)."""
        if isinstance(expr, tuple):
            _, fname, args = expr
            params, body = self.functions[fname]
            return self.value(body.xreplace(dict(zip(params, args))), expand)
        if isinstance(expr, sympy.MatrixBase):
            return expr.applyfunc(lambda e: self.value(e, expand))
        expr = expr.xreplace({p: self._placeholder(p) for p in expr.free_symbols
                              if p in self.placeholders})
        expr = expr.replace(lambda e: isinstance(e, sympy.Derivative),
                            lambda e: sympy.diff(self.value(e.expr, expand=False),
                                                 *e.variable_count))
        return self.expand(expr) if expand else expr

    def expand(self, expr, keep=frozenset()):
        defs = {k: v for k, v in self.defs.items() if k not in keep}
        for _ in range(20):
            new = expr.xreplace(defs)
            if new == expr:
                return new
            expr = new
        return expr

    def _placeholder(self, p):
        kind = self.placeholders[p]
        if kind[0] == "name":
            return p
        if kind[0] == "dexpr":
            _, body, wrt, order = kind
            # Names a document gives long parts (ξ₁ = …) abbreviate: put them back first.
            inner = self.value(self.read(body), expand=False)
            inner = inner.xreplace({k: v for k, v in self.defs.items()
                                    if k.name.startswith("xi")})
            return self.expand(sympy.diff(inner, self._symbol_of(wrt), order))
        _, name, wrt = kind
        of = self._symbol_of(name)
        wrt = [(self._symbol_of(v), n) for v, n in wrt]
        if len(wrt) == 1 and of == wrt[0][0]:
            return sympy.S.One if wrt[0][1] == 1 else sympy.S.Zero
        if str(name) in self.functions:
            return self.expand(sympy.diff(self.functions[str(name)][1], *wrt))
        if any(v in self.defs for v, _ in wrt):
            # ∂X/∂V for an intermediate quantity V: X written in the names down to V, V held.
            held = {v for v, _ in wrt}
            body = self.expand(self.defs.get(of, of), keep=held)
            return self.expand(sympy.diff(body, *wrt))
        return sympy.diff(self.expand(of), *wrt)

    # ------------------------------------------------------------------ rows
    def row(self, row_tex: str) -> None:
        """Read one row; raise AssertionError when it states something false."""
        tex = self.normalise(row_tex)
        if r"\odot" in row_tex or r"\mathsf" in row_tex or "^{(l)}" in row_tex:
            # A matrix formula of the vector view, stated for a generic layer l: not scalar.
            self.opaque.append(row_tex)
            return
        if r"\leftarrow" in tex:
            return  # an assignment (p ← p − α ∂J/∂p), not an equation
        if r"\iff" in tex:
            self._equivalent(_split(tex, r"\iff"))
            return
        if r"\neq" in tex:
            a, b = (self.value(self.read(s)) for s in _split(tex, r"\neq"))
            assert not _same(a, b), f"claims {a} ≠ {b}: {row_tex}"
            self.checked += 1
            return
        sides = _split(tex, "=")
        lhs = sides[0].strip()
        fdef = re.fullmatch(r"([a-z])\\left\((.*)\\right\)", lhs)
        if fdef and fdef[1] not in self.functions and len(sides) == 2:
            params = tuple(self.read(a) for a in fdef[2].split(","))
            if all(isinstance(p, sympy.Symbol) for p in params):
                self.functions[fdef[1]] = (params, self.read(sides[1]))
                return
        values = [self.read(s) for s in sides]
        first = values[0]
        if isinstance(first, sympy.Symbol) and first not in self.defs and \
                self.placeholders.get(first, ("name",))[0] == "name":
            rest = [self.value(v) for v in values[1:]]
            for a, b in zip(rest, rest[1:]):
                assert _same(a, b), f"{a} ≠ {b} in {row_tex}"
            self.defs[first] = self.value(values[1], expand=False)
            self.checked += len(rest) - 1
            return
        shown = [self.value(v) for v in values]
        for a, b in zip(shown, shown[1:]):
            assert _same(a, b), f"false: {a} ≠ {b} in {row_tex}"
        self.checked += len(shown) - 1

    def _equivalent(self, parts: list[str]) -> None:
        sets = [self._solutions(p) for p in parts]
        for a, b in zip(sets, sets[1:]):
            assert a == b, f"not equivalent: {a} vs {b} in {parts}"
        self.checked += len(parts) - 1

    def _solutions(self, tex: str):
        alternatives = re.split(r"\\quad \\text\{or\} \\quad", tex)
        found = set()
        for alt in alternatives:
            eqs = []
            for eq in re.split(r"\\quad \\text\{and\} \\quad", alt):
                a, b = _split(eq, "=")
                eqs.append(sympy.Eq(self.value(self.read(a)), self.value(self.read(b))))
            symbols = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
            for s in sympy.solve(eqs, symbols, dict=True):
                found.add(tuple(sorted((str(k), v) for k, v in s.items())))
        return found


def _split(tex: str, rel: str) -> list[str]:
    """Split at a relation outside braces and \\left … \\right."""
    parts, depth, start, k = [], 0, 0, 0
    while k < len(tex):
        if tex.startswith(r"\left", k) or tex.startswith(r"\begin", k):
            depth += 1
        elif tex.startswith(r"\right", k) or tex.startswith(r"\end", k):
            depth -= 1
        if tex[k] == "{":
            depth += 1
        elif tex[k] == "}":
            depth -= 1
        elif depth == 0 and tex.startswith(rel, k) and not (
                rel == "=" and tex.startswith("=", k) and tex[k - 1:k] in "<>!"):
            parts.append(tex[start:k])
            k += len(rel)
            start = k
            continue
        k += 1 if tex[k] != "\\" else 2
    return [*parts, tex[start:]]


def _same(a, b) -> bool:
    if isinstance(a, sympy.MatrixBase) or isinstance(b, sympy.MatrixBase):
        return a.shape == b.shape and all(_same(x, y) for x, y in zip(a, b))
    diff = sympy.sympify(a - b)
    if diff == 0:
        return True
    # Exactly when that is cheap; otherwise at random exact points, evaluated to 30 digits.
    if sympy.count_ops(diff) < 40:
        try:
            if sympy.simplify(diff) == 0:
                return True
        except Exception:  # noqa: BLE001 - fall back to numbers
            pass
    rng = random.Random(7)
    symbols = sorted(diff.free_symbols, key=str)
    points = [[sympy.Rational(rng.randint(11, 89), 100) for _ in symbols] for _ in range(6)]
    values = _at_points(diff, symbols, points)
    return all(v.is_number and abs(v) <= 1e-20 for v in values)


def _at_points(diff, symbols, points) -> list:
    """diff at each exact point to 30 digits: compiled for mpmath (a nested σ evaluated by
    SymPy's evalf takes minutes), by evalf where mpmath lacks a function."""
    from symgrad.functions import sigmoid

    plain = diff.replace(lambda e: isinstance(e, sigmoid),
                         lambda e: 1 / (1 + sympy.exp(-e.args[0])))
    # relu′ = H(u) is (1 + sign(u))/2 away from u = 0 (random points never hit it exactly)
    plain = plain.replace(lambda e: isinstance(e, sympy.Heaviside),
                          lambda e: (1 + sympy.sign(e.args[0])) / 2)
    try:
        f = sympy.lambdify(symbols, plain, cse=True, modules=[
            {"sign": mpmath.sign, "relu": lambda u: max(0, u)}, "mpmath"])
        with mpmath.workdps(30):
            return [sympy.Float(f(*(mpmath.mpf(p.p) / p.q for p in point)), 30)
                    for point in points]
    except (NameError, TypeError, ValueError, ZeroDivisionError):
        return [sympy.N(diff, 30, subs=dict(zip(symbols, point))) for point in points]


# ---------------------------------------------------------------------- generic (index) rows
_INDEXED = re.compile(r"(\\delta|[A-Za-z])\^\{\((\d+)\)\}_\{([jk\d])(?:,([jk\d]))?(?:,i)?\}")
_PLAIN = re.compile(r"(?<![A-Za-z\\])([A-Za-z])_\{([jk])(?:,i)?\}")
_SUM = re.compile(r"\\sum_\{([jk])=1\}\^\{(\d+)\} ")


def _ranges(row: str, sizes: tuple, weight: str) -> dict:
    """How far each free index letter runs in a row, from the quantities it indexes."""
    bound = set(re.findall(r"\\sum_\{([jk])=", row))
    most: dict = {}

    def limit(letter, n):
        if letter in "jk" and letter not in bound:
            most[letter] = min(most.get(letter, n), n)

    for _name, layer, first, second in _INDEXED.findall(row):
        l = int(layer)
        limit(first, sizes[l])
        if second:
            limit(second, sizes[l - 1])
    for name, letter in _PLAIN.findall(row):
        if name in ("x", weight):
            limit(letter, sizes[0])
        elif name == "y":
            limit(letter, sizes[-1])
    return most


def _put(tex: str, letter: str, value: int) -> str:
    """The index ``letter`` replaced by ``value`` wherever it is an index (not inside a word)."""
    return re.sub(rf"(?<=[{{,\[ ]){letter}(?=[}},\] \\])", str(value), tex)


def _expand_sums(tex: str) -> str:
    r"""\sum_{k=1}^{N} BODY written out as (BODY₁ + … + BODY_N), BODY ending at the first
    top-level + − = or at the group that contains the sum."""
    while m := _SUM.search(tex):
        letter, n = m[1], int(m[2])
        k, depth = m.end(), 0
        while k < len(tex):
            if tex.startswith(r"\left", k):
                depth += 1
            elif tex.startswith(r"\right", k):
                if depth == 0:
                    break
                depth -= 1
            ch = tex[k]
            if ch == "{":
                depth += 1
            elif ch == "}":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and tex.startswith((" + ", " - ", " = "), k):
                break
            k += 2 if ch == "\\" else 1
        body = tex[m.end():k].strip()
        terms = " + ".join(f"\\left({_put(body, letter, v)}\\right)" for v in range(1, n + 1))
        tex = tex[:m.start()] + f"\\left({terms}\\right)" + tex[k:]
    return tex


def _indicators(tex: str) -> str:
    """1[a = b] of numbers as 0 or 1; 1[u > 0] as (1 + sign(u))/2 (equal wherever u ≠ 0)."""
    tex = re.sub(r"\\mathbf\{1\}\\left\[(\d+) = (\d+)\\right\]",
                 lambda m: "1" if m[1] == m[2] else "0", tex)
    return re.sub(r"\\mathbf\{1\}\\left\[(.*?) > 0\\right\]",
                  r"\\left(\\frac{1}{2} + \\frac{1}{2} "
                  r"\\operatorname{sign}\\left(\1\\right)\\right)",
                  tex)


def instantiated(found: list[str], sizes: tuple, weight: str = "w") -> list[str]:
    """Every generic row (indices j, k) as the concrete rows it stands for: each free index at
    each of its values (the widths ``sizes`` = n₀ … n_L), sums over an index written out, a
    sample's index i dropped, 1[·] evaluated."""
    out = []
    for row in found:
        ranges = _ranges(row, sizes, weight)
        assignments = [{}]
        for letter, n in sorted(ranges.items()):
            assignments = [{**a, letter: v} for a in assignments for v in range(1, n + 1)]
        for values in assignments:
            tex = row
            for letter, v in values.items():
                tex = _put(tex, letter, v)
            tex = re.sub(r"_\{([^{}]*),i\}", r"_{\1}", _expand_sums(tex))
            out.append(_indicators(tex))
    return out
