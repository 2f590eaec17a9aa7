"""The English words of every error message symgrad raises, keyed by message id.

An exception holds a :class:`symgrad.errors.Said` (a key and values); these entries word it
with ``str.format``.  Merged into :data:`symgrad.i18n.words.ENGLISH`; the Chinese entries
are in ``words_errors_zh``.

>>> ERRORS["err.algebra.every-name-form-taken"]
'every name of the form {0} is taken; rename a symbol'
"""

ERRORS = {
    'err.algebra.chain-product-not-gradient': '{0} ≠ {1}: the chain product is not the gradient',
    'err.algebra.every-name-form-taken': 'every name of the form {0} is taken; rename a symbol',
    'err.algebra.not-one-derivation-s': "{0} is not one of the derivation's variables ({1})",
    'err.algebra.steps-do-not-reach': '{0} ≠ {1}: the steps do not reach the gradient',
    'err.analysis.explain-minimum-takes-one':
        'explain_minimum takes one variable, got {0}; use stationary_points for several',
    'err.analysis.f-also-depends-on-many':
        'f = {0} also depends on {1}; give them values or include them in wrt',
    'err.analysis.f-also-depends-on-one':
        'f = {0} also depends on {1}; give it a value or include it in wrt',
    'err.analysis.f-has-no-variable': 'f = {0} has no variable; pass wrt= to name one',
    'err.analysis.f-has-pass-wrt':
        'f = {0} has {1}; pass wrt= to say which variable to minimise over (or use '
        'stationary_points for several)',
    'err.backprop.backprop-needs-loss-network':
        'backprop needs the loss of a network (Sequential); use derive for a formula',
    'err.backprop.softmax-output-trained-with':
        'a softmax output is trained with cross_entropy; {0} after softmax is not supported '
        '(use sigmoid outputs, or cross_entropy)',
    'err.backprop.z-not-p-y': '∂ℓ/∂z₁ = {0} is not p₁·Σy − y₁',
    'err.budget.doing': '{0} {1}',
    'err.budget.time-budget-must-be':
        'a time budget must be a positive number of seconds, not {0!r}',
    'err.budget.too-deep': "the expression is nested too deeply for SymPy's recursive algorithms",
    'err.chain.network-chain-needs-loss':
        'network_chain needs the loss of a network (Sequential); for a formula use derive and '
        'gradient_algebra',
    'err.chain.not-weight-or-bias': '{0} is not a weight or bias of {1!r} (its parameters: {2})',
    'err.cli.cannot-read': 'cannot read {0}: {1}',
    'err.cli.cannot-read-expected-name': 'cannot read {0!r}: expected name=value, e.g. a=1',
    'err.cli.cannot-read-it-not': 'cannot read {0}: it is not UTF-8 text',
    'err.cli.cannot-read-not-number': 'cannot read {0!r}: {1!r} is not a number',
    'err.cli.expected-number-seconds-got': 'expected a number of seconds, got {0!r}',
    'err.cli.expected-positive-number-seconds': 'expected a positive number of seconds, got {0!r}',
    'err.cli.has-no-column-its': '{0} has no column {1} (its header: {2})',
    'err.cli.has-no-data-rows': '{0} has no data rows',
    'err.cli.line-expected-numbers-got': '{0}, line {1}: expected numbers, got {2}',
    'err.cli.line-fields-but-header': '{0}, line {1}: {2} fields, but the header has {3} columns',
    'err.cli_analysis.cannot-read-in-start':
        'cannot read {0!r} in --start: expected name=number, e.g. x=1,y=1/2',
    'err.cli_analysis.expected-non-negative-number':
        'expected a non-negative number of steps, got {0}',
    'err.cli_analysis.has-variables-name-one': '{0!r} has {1} variables; name one with --wrt',
    'err.cli_analysis.start-gives-twice': '--start gives {0} twice',
    'err.cli_check.cannot-write-report': 'cannot write the report {0}: {1}',
    'err.cli_check.cannot-write-report-folder':
        'cannot write the report {0}: the folder {1} does not exist',
    'err.cli_check.check-needs-f-and':
        'check needs --f (a derivative; --wrt too when f has several variables) or --loss '
        '(a loss)',
    'err.cli_check.loss-needs-model-and': '--loss needs --model and --inputs',
    'err.cli_check.refusing-write-report-over':
        'refusing to write the report over the input file {0}; choose another --out',
    'err.cli_check.timeout-must-be-between':
        '--timeout must be between 0 and 3600 seconds, not {0}',
    'err.cli_check.timeout-needs-number-seconds': '--timeout needs a number of seconds, not {0!r}',
    'err.cli_documents.pdf-needs-file-name': '--pdf needs a file name ending in .pdf, not {0!r}',
    'err.cli_files.and-name-same-file': '{0} and {1} name the same file {2}',
    'err.cli_files.folder-does-not-exist':
        '{0}: the folder {1} does not exist (symgrad does not create folders)',
    'err.cli_files.folder-give-file-name': '{0}: {1} is a folder; give a file name such as {2}{3}',
    'err.cli_files.input-file-symgrad-never':
        '{0} {1} is the input file of {2}; symgrad never overwrites an input',
    'err.cli_files.needs-file-name-ending': '{0} needs a file name ending in {1}, not {2!r}',
    'err.cli_files.special-file': '{0}: {1} is {2}, not a file; give a file name',
    'err.cli_serve.cannot-listen-on': 'cannot listen on {0}:{1}: {2}',
    'err.cli_serve.memory-mb-must-be': '--memory-mb must be positive, not {0}',
    'err.cli_serve.port-must-be-between': '--port must be between 0 and 65535, not {0}',
    'err.cli_serve.slots-must-be-at': '--slots must be at least 1, not {0}',
    'err.cli_serve.symgrad-serve-needs-web':
        "symgrad serve needs the web extra: pip install 'symgrad[web]' ({0} is missing)",
    'err.cli_serve.timeout-must-be-positive':
        '--timeout must be a positive number of seconds, not {0}',
    'err.clock.history-too-large':
        '{0:,} steps keep {1:,} values of J (about {2:,} MB), more than the memory budget of '
        '{3:g} MB; give fewer steps',
    'err.clock.pace':
        'at the pace of steps {0:,} to {1:,} ({2} a step), {3:,} steps would take about {4}, '
        'more than the {5} left of the time budget; give fewer steps, a tolerance (tol=) or a '
        'larger time budget (--timeout, timeout=)',
    'err.clock.out-of-time':
        'the time ran out after {0:,} of {1:,} steps; give a larger time budget (--timeout, '
        'timeout=) or fewer steps',
    'err.core.it-still-contains-carry': 'it still contains {0}: carry it out',
    'err.data.backend-must-be-one': 'backend must be one of {0}, not {1!r}',
    'err.data.bce-needs-labels-in': 'bce needs labels in [0, 1]; y row {0} is {1}',
    'err.data.cross-entropy-needs-one':
        'cross_entropy needs one-hot label rows (entries in [0, 1] that sum to 1); y row {0} is '
        '[{1}]',
    'err.data.exact-true-needs-exact':
        "exact=True needs exact numbers (int, Fraction, sympy Rational or text like '1/3'); {0} "
        'is {1!r}',
    'err.data.exact-true-needs-exact-2':
        "exact=True needs an exact learning rate such as Rational(1, 10) or '1/10', not {0!r}",
    'err.data.exact-true-runs-in':
        'exact=True runs in rational arithmetic: backend= does not apply',
    'err.data.init-names-which-not': 'init names {0!r}, which is not a parameter (parameters: {1})',
    'err.data.input': 'input',
    'err.data.lr-must-be-positive': 'lr must be a positive number, not {0!r}',
    'err.data.lr-must-be-positive-2': 'lr must be positive, not {0}',
    'err.data.must-be-finite-number': '{0} must be a finite number, not {1!r}',
    'err.data.must-be-not': '{0} must be {1}, not {2!r}',
    'err.data.must-be-table-numbers': '{0} must be a table of numbers, not {1!r}',
    'err.data.must-have-shape-m':
        '{0} must have shape (m, {1}) — one column per {2} ({3}) — but row {4} has {5}',
    'err.data.no-samples-x-and': 'no samples: X and y are empty',
    'err.data.row-column': '{0} row {1}, column {2}',
    'err.data.row-column-data-must':
        '{0} row {1}, column {2} is {3}: the data must be finite numbers',
    'err.data.shape': 'shape {0}',
    'err.data.steps-must-be-whole': 'steps must be a whole number ≥ 0, not {0!r}',
    'err.data.target': 'target',
    'err.data.values': '{0} values',
    'err.data.x-has-rows-but': 'X has {0} rows but y has {1}; they must match',
    'err.derivative.line': 'line {0}',
    'err.derivative.line-differentiates-with-respect':
        'line 1 differentiates with respect to {0}, not {1}',
    'err.derivative.lines-must-be-non': 'lines must be a non-empty list of expressions',
    'err.derive.derive-takes-loss-or': 'derive takes a Loss or a single expression, not a Matrix',
    'err.derive.has-no-symbols-differentiate': '{0} has no symbols to differentiate by; pass wrt=',
    'err.derive.this-network-has-parameters':
        'this network has {0} parameters; its scalar view (one expression per weight) is '
        'limited to {1}: use symgrad.backprop(loss), the vector view, which derives and trains '
        'at any width',
    'err.descent.exact-descent-stopped-after':
        'exact descent stopped after step {0}: the exact value of {1} needs more than {2} '
        'digits; run fewer steps or use exact=False',
    'err.descent.exact-true-needs-stay':
        'exact=True needs {0} to stay rational, but at step {1} it is {2}; functions like exp, '
        'log and sigmoid leave the rationals: use exact=False',
    'err.descent.gradient-descent-diverged-at':
        'gradient descent diverged at step {0}: J = {1} (started at {2}); try a smaller '
        'learning rate than {3}',
    'err.descent.undefined-at-step-division':
        '{0} is undefined at step {1} (division by zero or log of 0)',
    'err.diagnose.at-sample': '{0} at sample {1} ({2}) where {3}',
    'err.diagnose.complex':
        'a complex value: {0} with {1} = {2} (a negative number to the power {3} is not real)',
    'err.diagnose.division': 'division by zero: {0} with {1} = 0',
    'err.diagnose.exp': 'overflow in exp: {0} with {1} = {2}',
    'err.diagnose.gradient-descent-diverged-at':
        'gradient descent diverged at step {0}: J = {1:.4g} (started at {2:.4g}){3}; try a '
        'smaller learning rate than {4:g}',
    'err.diagnose.gradient-not-finite-at':
        'the gradient is not finite at step {0} ({1}); start from another point or use a '
        'differentiable loss',
    'err.diagnose.gradient-not-finite-at-2':
        'the gradient is not finite at step {0} (a gradient is 0/0 or infinite there); start '
        'from another point',
    'err.diagnose.in-parens': ' ({0})',
    'err.diagnose.j-at-step': 'J is {0} at step {1}: {2}',
    'err.diagnose.j-at-step-value': 'J is {0} at step {1}: a value left the range of floats',
    'err.diagnose.log': 'log of a non-positive number: {0} with {1} = {2}',
    'err.diagnose.overflow': 'overflow: {0} is too large for a float (from {1})',
    'err.diagnose.sqrt': 'square root of a negative number: {0} with {1} = {2}',
    'err.document.does-not-exist': '{0} does not exist',
    'err.document.typesetting': 'typesetting this {0}',
    'err.files.kind-device': 'a device',
    'err.files.kind-folder': 'a folder',
    'err.files.kind-pipe': 'a pipe',
    'err.files.kind-special': 'not a regular file',
    'err.files.not-regular': '{0} is {1}; symgrad writes regular files only',
    'err.fused.backend-numba-needs-numba':
        "backend='numba' needs numba: pip install 'symgrad[fast]'",
    'err.gate.at-least-one-computation':
        'at least one computation must be allowed at a time, not {0}',
    'err.gate.server-busy': '{0} (the server is busy)',
    'err.grade.empty-expected-columns': '{0} is empty (expected columns: {1})',
    'err.grade.has-no-column-expected': '{0} has no column {1} (expected columns: {2})',
    'err.grade.line': 'line {0}: {1}',
    'err.grade.needs-dask': "grading on a Dask cluster needs dask.distributed: "
                            "pip install 'symgrad[dask]'",
    'err.grade.cannot-reach-scheduler': 'cannot reach the Dask scheduler {0}: {1}',
    'err.grade.jobs-at-least-one': '--jobs must be at least 1, not {0}',
    'err.grade.line-problem-neither-id':
        'line {0}: the problem {1} is neither an id from the problems file nor of the form '
        "'d/dx: 2x^2 - 12x + 20'",
    'err.kmeans.between-points': 'between 1 and the number of points ({0})',
    'err.kmeans.doing': 'k-means with k = {0} on {1} points',
    'err.kmeans.must-be-got': '{0} must be {1}, got {2}',
    'err.kmeans.must-be-whole-number': '{0} must be a whole number, got {1!r}',
    'err.kmeans.worked-cluster-needs-whole':
        'the worked cluster needs a whole number of points ≥ 1, got {0!r}',
    'err.kmeans.x-must-be-d': 'X must be a 2-D array of numbers: {0}',
    'err.kmeans.x-must-be-non':
        'X must be a non-empty 2-D array (points × coordinates); its shape is {0}',
    'err.kmeans.x-must-hold-finite': 'X must hold finite numbers; row {0} has NaN or infinity',
    'err.language.unknown': 'unknown language {0!r}; symgrad speaks {1}',
    'err.loss.not-parameter-model-its': '{0} is not a parameter of the model (its parameters: {1})',
    'err.losses.loss-needs-symgrad-model': 'a loss needs a symgrad Model (or a network), not {0}',
    'err.losses.needs-model-with-one': '{0} needs a model with one output; this one has {1}',
    'err.losses.target-name-also-symbol':
        'the target name {0} is also a symbol of the model; choose another with target=...',
    'err.mathml.cannot-typeset': 'cannot typeset {0}',
    'err.mathml.cannot-typeset-environment': 'cannot typeset the environment {0}',
    'err.mathml.cannot-typeset-inside-text': 'cannot typeset {0} inside \\text',
    'err.model.cannot-be-both-input': '{0} cannot be both an input and a parameter',
    'err.model.in-model-neither-input':
        '{0} in the model is neither an input nor a parameter; list it in inputs= or params=',
    'err.model.input-does-not-appear':
        'the input {0} does not appear in the model; inputs must be symbols of the formula ({1})',
    'err.model.model-has-no-parameters':
        'the model has no parameters to fit: every symbol is an input',
    'err.model.model-needs-at-least': "a model needs at least one input, e.g. inputs=['x']",
    'err.network.init-names-which-not':
        'init names {0!r}, which is not a parameter of this network (weights are '
        'W{{layer}}_{{unit}}_{{input}}, biases b{{layer}}_{{unit}}, from 1)',
    'err.nn.gives-outputs-but-next':
        '{0!r} gives {1} outputs but the next {2!r} expects {3} inputs',
    'err.nn.must-be-whole-number': '{0} must be a whole number ≥ 1, not {1!r}',
    'err.nn.neither-dense-layer-nor': '{0!r} is neither a Dense layer nor an activation',
    'err.nn.sequential-network-starts-with': 'a Sequential network starts with a Dense layer',
    'err.nn.softmax-not-elementwise-apply':
        'softmax is not elementwise: apply it to a whole column',
    'err.nn.unknown-activation': 'no activation named {0!r}; choose one of {1}',
    'err.nn.two-activations-in-row': 'two activations in a row ({0!r}, {1!r})',
    'err.pdf.could-not-compile-it': '{0} could not compile it: {1}',
    'err.pdf.not-installed-install-tex':
        '{0} is not installed; install TeX Live (Debian: apt-get install {1})',
    'err.pdf.took-longer-than-s': '{0} took longer than {1:g} s',
    'err.pdf.unknown-tex-engine-symgrad':
        'unknown TeX engine {0!r}; symgrad runs pdflatex or xelatex',
    'err.plot.fit-plot-draws-one':
        'fit_plot draws a one-input model (a curve over the data) or a two-input classifier '
        'trained with bce (a decision boundary); this model has {0} input(s), {1} output(s) and '
        'a {2} loss',
    'err.plot.kmeans-plot-draws-two':
        'kmeans plot draws two-dimensional data; this data has {0} dimensions',
    'err.plot.surface-true-needs-function':
        'surface=True needs a function of two variables; this one has one',
    'err.plot.trace-plot-can-only':
        'trace_plot can only draw one or two variables; this trace has {0} ({1})',
    'err.reading.cannot-read-after-division':
        'cannot read {0} {1!r}: after a division, factors side by side are ambiguous (is a/b c '
        '(a/b)·c or a/(b·c)?); write * or brackets',
    'err.reading.cannot-read-can-be':
        'cannot read {0} {1!r}: {2!r} can be read as {3}; write * between the factors you mean',
    'err.reading.cannot-read-exponent-ambiguous':
        'cannot read {0} {1!r}: the exponent {2!r} is ambiguous (a power of {3}{4} or of {5} '
        'times {6}?); write brackets, e.g. e^(2x)',
    'err.rules.diff-steps-differentiates-with':
        'diff_steps differentiates with respect to a Symbol, got {0!r}',
    'err.rules.diff-steps-needs-scalar': 'diff_steps needs a scalar expression, got the matrix {0}',
    'err.rules.diff-steps-needs-sympy': 'diff_steps needs a SymPy scalar expression, got {0}',
    'err.rules.diff-steps-works-with':
        'diff_steps works with real variables; {0} is declared not real',
    'err.step.claimed-step-must-give': 'the claimed step must give exactly {0}: {1}',
    'err.step.missing': 'missing {0}',
    'err.step.must-be-number-got': '{0} must be a number, got {1}',
    'err.step.no-value-for': 'no value for {0}',
    'err.step.start-gives-no-value': 'start gives no value for {0}',
    'err.step.start-must-give':
        "start must give every parameter and one sample's inputs and target ({0}); {1}",
    'err.step.unknown': 'unknown {0}',
    'err.too-expensive.memory':
        'undecided: {0} is too expensive to decide within {1:g} MiB of memory',
    'err.too-expensive.reason': 'undecided: {0} is too expensive to decide: {1}',
    'err.too-expensive.seconds': 'undecided: {0} is too expensive to decide within {1:g} s',
    'err.trace.f-cannot-be-evaluated': 'f cannot be evaluated at the start {0}: {1}',
    'err.trace.learning-rate-must-be': 'the learning rate α must be positive, got {0!r}',
    'err.trace.must-be-finite-number': '{0} must be a finite number, got {1!r}',
    'err.trace.must-be-number-got': '{0} must be a number, got {1!r}',
    'err.trace.must-be-real-number': '{0} must be a real number, got {1!r}',
    'err.trace.start-gives-twice': 'start gives {0} twice',
    'err.trace.start-has-no-value':
        'start has no value for {0}; every variable of f = {1} needs one',
    'err.trace.start-must-be-non':
        "start must be a non-empty dict of starting values, e.g. {{'x': 1}}",
    'err.trace.start-value': 'the start value of {0}',
    'err.trace.steps-must-be-between': 'steps must be between 0 and {0}, got {1}',
    'err.trace.steps-must-be-whole': 'steps must be a whole number, got {0!r}',
    'err.work.answers-file-has-no': 'the answers file has no data rows',
    'err.work.field-longer-than-characters': 'the field “{0}” is longer than {1:,} characters',
    'err.cli.model-or-network': 'give a model formula with --inputs, or a network with --network (e.g. --network 784-30-10)',
    'err.work.give-layer-sizes-each': 'give 2 to {0} layer sizes, each from 1 to {1}',
    'err.work.layer-sizes-are-whole':
        'layer sizes are whole numbers separated by commas, e.g. 2,2,1; not {0!r}',
    'err.work.learning-rate-must-be': 'the learning rate must be a number, e.g. 0.1',
    'err.work.must-be-between-and': '“{0}” must be between {1} and {2:,}, not {3:,}',
    'err.work.must-be-one': '“{0}” must be one of {1}',
    'err.work.must-be-whole-number': '“{0}” must be a whole number, not {1!r}',
    'err.work.not-utf-text-save': '{0} is not UTF-8 text (save it as CSV, UTF-8)',
    'err.work.please-fill-in-field': 'please fill in the field “{0}”',
    # --- robust2 ---
    'err.diagnose.overflow-power': 'overflow: {0} is too large for a float with {1} = {2}',
    'err.document.writing': 'writing out this {0}',
    # --- lead ---
    'err.netdiag.pre-activation':
        'overflow in layer {0}: the pre-activation {1} = W·a + b is too large for a float '
        '(inputs up to {2}) {3}',
    'err.netdiag.activation': "{0} in layer {1}'s {2} activation {3}",
    'err.netdiag.update':
        'overflow in the update: the output δ times the learning rate is too large for a '
        'float {0}',
    'err.netdiag.output-delta': '{0} in the output δ {1}',
    'err.netdiag.backward': '{0} in the backward pass at layer {1} (δ{1}) {2}',
    'err.netdiag.gradient':
        "overflow in the gradient of layer {0}'s weights (δ·aᵀ is too large for a float) at "
        'unit {1}',
    'err.netdiag.loss': '{0} in the loss {1}',
    'err.netdiag.loss-sum':
        'overflow in the loss: its sum over the samples is too large for a float '
        '(predictions differ from the targets by up to {0})',
    'err.netdiag.not-a-number': 'a value that is not a number',
    'err.netdiag.not-a-number-in': 'a value that is not a number in {0}',
    'err.netdiag.overflow': 'overflow',
    'err.netdiag.at': 'at sample {0} ({1}) where {2}',
}
