"""The English words of the parser's errors (symgrad.parsing): why a text cannot be read.

Merged into :data:`symgrad.i18n.words.ENGLISH`; the Chinese entries are in words_errors_zh.py.

>>> ERRORS["err.parsing.divides-by-zero"]
'{0} divides by zero'
"""

ERRORS = {
    'err.parsing.allowed':
        'allowed are numbers, names, + - * / ^ **, parentheses and the functions {0}',
    'err.parsing.at-column-has-no': "'{0}' at column {1} has no matching '{2}'",
    'err.parsing.at-column-never-closed': "'{0}' at column {1} is never closed",
    'err.parsing.brackets-are-nested-more': 'brackets are nested more than {0} levels deep',
    'err.parsing.calls-something-that-not':
        '{0} calls something that is not a function name; write * between factors (a product is '
        'implicit only after a number: 2(x+1))',
    'err.parsing.cannot-read': 'cannot read {0} {1}: {2}',
    'err.parsing.derivative-not-supported': 'the derivative {0} is not supported',
    'err.parsing.divides-by-zero': '{0} divides by zero',
    'err.parsing.e-notation-not-latex':
        "e-notation is not LaTeX (it would read as e, Euler's number); write 10^{{n}}",
    'err.parsing.expected-at-least-one': 'expected at least one name, got none',
    'err.parsing.expected-expression-got': 'expected an expression, got a {0}',
    'err.parsing.expected-names-such-as': "expected names such as 'x, y', got {0}",
    'err.parsing.expected-text-or-sympy': 'expected text or a SymPy expression, got {0}',
    'err.parsing.expression-ends-after-expected':
        "the expression ends after '{0}'; expected a term after it",
    'err.parsing.foreign-class':
        'the class {0} is not one of SymPy\'s or symgrad\'s (it comes from {1}): symgrad takes '
        "SymPy's functions, its own, and sympy.Function('name') for an unknown one",
    'err.parsing.function-has-invalid-name': 'the function {0} has an invalid name: {1}',
    'err.parsing.function-write': '\\{0} is a function; write \\{1}(...)',
    'err.parsing.function-write-2': '{0} is a function; write {1}(...)',
    'err.parsing.functions-take-plain-positional': '{0}: functions take plain positional arguments',
    'err.parsing.gives-name-which-not': '{0!r} gives the name {1!r}, which is not allowed: {2}',
    'err.parsing.in-latex-without-backslash':
        "in LaTeX, '{0}' without a backslash reads as a product of letters; write {1}(...) for "
        'the function',
    'err.parsing.inside-sympy': 'reading it failed inside SymPy ({0})',
    'err.parsing.it-characters-long-at': 'it is {0} characters long; at most {1} allowed',
    'err.parsing.it-empty-expected-formula': 'it is empty; expected a formula such as 2x + 1',
    'err.parsing.it-empty-expected-formula-2': 'it is empty; expected a formula such as 2*x + 1',
    'err.parsing.it-holds-number-more': 'it holds a number of more than {0:,} bits',
    'err.parsing.it-nested-more-than': 'it is nested more than {0} levels deep',
    'err.parsing.it-nested-too-deeply': 'it is nested too deeply or too large to read',
    'err.parsing.it-not-finite-number': 'it is not a finite number',
    'err.parsing.it-not-formula-i':
        'it is not a formula I can read (syntax error at column {0}: {1}){2}',
    # Python's syntax messages, worded (an unknown one is shown as Python says it)
    'term.invalid syntax': 'invalid syntax',
    'term.invalid decimal literal': 'invalid decimal literal',
    "term.'(' was never closed": "'(' was never closed",
    "term.unmatched ')'": "unmatched ')'",
    'err.parsing.juxtaposed-hint':
        '; write * between factors (a product is implicit only after a number: 2x)',
    'err.parsing.its-value-infinite': 'its value is infinite',
    'err.parsing.its-value-not-real':
        'its value is not a real number (it contains the imaginary unit)',
    'err.parsing.its-value-undefined-division':
        'its value is undefined (a division by zero or log(0))',
    'err.parsing.latex-command-not-supported':
        'the LaTeX command \\{0} is not supported; use \\frac, \\sqrt, \\cdot, ^{{...}}, '
        '_{{...}}, Greek letters, \\exp \\log \\sin \\cos \\tan \\sinh \\arctan (and the like), '
        '\\max \\min \\sigma \\operatorname{{relu}} \\operatorname{{softplus}}',
    'err.parsing.latex-equation': 'an equation or comparison',
    'err.parsing.latex-function': 'the function {0}',
    'err.parsing.latex-input-limited-characters': 'LaTeX input is limited to {0} characters',
    'err.parsing.latex-integral': 'an integral',
    'err.parsing.latex-limit': 'a limit',
    'err.parsing.latex-nested-too-deeply': 'the LaTeX is nested too deeply to read',
    'err.parsing.latex-parser-failed': 'the LaTeX parser failed ({0})',
    'err.parsing.latex-product': 'a product',
    'err.parsing.latex-sum': 'a sum',
    'err.parsing.name-as-text': 'expected a name as text, got {0}',
    'err.parsing.name-ascii':
        'names start with an ASCII letter and contain only ASCII letters, digits and _',
    'err.parsing.name-at-column-not':
        'the name {0!r} at column {1} is not allowed; names use ASCII letters, digits and _ (σ '
        'is the sigmoid function)',
    'err.parsing.name-code': '{0} is a name Python or the generated code already uses',
    'err.parsing.name-double-underscore': "names may not contain '__'",
    'err.parsing.name-empty': 'a name cannot be empty',
    'err.parsing.name-keyword': '{0} is a Python keyword',
    'err.parsing.name-listed-twice': 'the name {0!r} is listed twice',
    'err.parsing.name-too-long': 'names are at most {0} characters',
    'err.parsing.name-trailing-underscore': "names may not end with '_'",
    'err.parsing.not-allowed': '{0} ({1}) is not allowed; {2}',
    'err.parsing.not-allowed-name': '{0} is not an allowed name: {1}',
    'err.parsing.not-decimal-number': '{0!r} is not a decimal number',
    'err.parsing.not-function-i-know': '{0} is not a function I know; {1}',
    'err.parsing.not-function-i-know-2':
        '{0} is not a function I know; write {1}*(...) for a product; the functions are {2}',
    'err.parsing.not-function-i-know-3': '{0} is not a function I know; the functions are {1}',
    'err.parsing.not-number-or-name': '{0} is not a number or a name; {1}',
    'err.parsing.not-plain-symbol': '{0} is not a plain symbol',
    'err.parsing.not-supported-and-derivatives':
        '{0} ({1}) is not supported; {2}, and derivatives d/dx',
    'err.parsing.not-valid-name': '{0} is not a valid name: {1}',
    'err.parsing.not-variable-latex-variables':
        '{0!r} is not a variable; LaTeX variables are single letters or Greek letters, '
        'optionally subscripted (x_{{1}})',
    'err.parsing.not-variable-name': '{0!r} is not a variable name',
    'err.parsing.number-has-too-many': 'the number {0} has too many digits',
    'err.parsing.number-too-large-or': 'the number {0} is too large or too small',
    'err.parsing.operator-in-not-allowed': 'the operator in {0} is not allowed; {1}',
    'err.parsing.reading': 'reading',
    'err.parsing.reading-latex-needs-antlr': 'reading LaTeX needs antlr4-python3-runtime==4.11.1',
    'err.parsing.reserved-e': "e is Euler's number",
    'err.parsing.reserved-pi': 'pi is the number π',
    'err.parsing.reserved-sigma': 'sigma is reserved for the sigmoid function σ',
    'err.parsing.subscript-in-must-be': 'the subscript in {0!r} must be letters or digits',
    'err.parsing.sum-too-long':
        'the sum {0} has {1:,} terms; symgrad takes sums and products of at most {2:,} terms '
        '(write them out, or call .doit())',
    'err.parsing.sum-unbounded':
        'the sum {0} has no fixed number of terms; symgrad takes sums and products with '
        'whole-number limits only',
    'err.parsing.symbol-has-invalid-name': 'the symbol {0!r} has an invalid name: {1}',
    'err.parsing.takes-argument-got': '{0}: {1} takes {2} argument, got {3}',
    'err.parsing.takes-or-arguments-got': '{0}: {1} takes {2} or {3} arguments, got {4}',
    'err.parsing.takes-two-or-more': '{0}: {1} takes two or more arguments',
    'err.parsing.too-large-compute-exactly':
        '{0} is too large to compute exactly; an exact power may have at most {1:,} bits (about '
        '{2:,} digits)',
    'err.parsing.too-large-compute-exactly-2':
        '{0} is too large to compute exactly; a fractional power needs a base of at most {1} bits',
    'err.parsing.true-and-false-are': 'True and False are not numbers',
    'err.parsing.two-numbers-in-row':
        'two numbers in a row (ANTLR would glue them into one); use \\cdot',
    'err.parsing.unexpected-character-at-column': 'unexpected character {0!r} at column {1}',
    'err.parsing.unexpected-character-latex-input':
        'unexpected character {0!r}; LaTeX input must be ASCII',
    'err.parsing.write-numbers-without-thousands':
        'write numbers without thousands separators, and a space after a comma',
}
