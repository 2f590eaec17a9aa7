"""The Chinese words of every error message symgrad raises (keys as in ``words_errors``).

>>> ERRORS["err.parsing.divides-by-zero"]
'{0} 除以零'
"""

ERRORS = {
    'err.algebra.chain-product-not-gradient': '{0} ≠ {1}：链式乘积不等于梯度',
    'err.algebra.every-name-form-taken': '形如 {0} 的名称都已被占用；请给某个符号改名',
    'err.algebra.not-one-derivation-s': '{0} 不是这个推导的变量之一（{1}）',
    'err.algebra.steps-do-not-reach': '{0} ≠ {1}：这些步骤没有得到梯度',
    'err.analysis.explain-minimum-takes-one':
        'explain_minimum 只接受一个变量，却给了 {0}；多个变量请用 stationary_points',
    'err.analysis.f-also-depends-on': 'f = {0} 还依赖于 {1}；请给出 {2}，或把 {3} 放进 wrt',
    'err.analysis.f-has-no-variable': 'f = {0} 没有变量；请用 wrt= 指定一个',
    'err.analysis.f-has-pass-wrt':
        'f = {0} 含有 {1}；请用 wrt= 指明对哪个变量求最小值（多个变量请用 stationary_points）',
    'err.backprop.backprop-needs-loss-network':
        'backprop 需要一个网络（Sequential）的损失；普通公式请用 derive',
    'err.backprop.softmax-output-trained-with':
        'softmax 输出要用 cross_entropy 训练；不支持在 softmax 之后使用 {0}（请用 sigmoid 输出，'
        '或用 cross_entropy）',
    'err.backprop.z-not-p-y': '∂ℓ/∂z₁ = {0} 不等于 p₁·Σy − y₁',
    'err.budget.time-budget-must-be': '时间预算必须是正的秒数，而不是 {0!r}',
    'err.chain.network-chain-needs-loss':
        'network_chain 需要一个网络（Sequential）的损失；普通公式请用 derive 和 gradient_algebra',
    'err.chain.not-weight-or-bias': '{0} 不是 {1!r} 的权重或偏置（它的参数：{2}）',
    'err.cli.cannot-read': '无法读取 {0}：{1}',
    'err.cli.cannot-read-expected-name': '无法读取 {0!r}：应写成 名称=值，例如 a=1',
    'err.cli.cannot-read-it-not': '无法读取 {0}：它不是 UTF-8 文本',
    'err.cli.cannot-read-not-number': '无法读取 {0!r}：{1!r} 不是数',
    'err.cli.expected-number-seconds-got': '应为秒数，却得到 {0!r}',
    'err.cli.expected-positive-number-seconds': '应为正的秒数，却得到 {0!r}',
    'err.cli.has-no-column-its': '{0} 没有 {1} 列（它的表头：{2}）',
    'err.cli.has-no-data-rows': '{0} 没有数据行',
    'err.cli.line-expected-numbers-got': '{0} 第 {1} 行：应为数，却得到 {2}',
    'err.cli.line-fields-but-header': '{0} 第 {1} 行：有 {2} 个字段，但表头有 {3} 列',
    'err.cli_analysis.cannot-read-in-start':
        '无法读取 --start 中的 {0!r}：应写成 名称=数，例如 x=1,y=1/2',
    'err.cli_analysis.expected-non-negative-number': '步数应为非负数，却得到 {0}',
    'err.cli_analysis.has-variables-name-one': '{0!r} 有 {1} 个变量；请用 --wrt 指定一个',
    'err.cli_analysis.start-gives-twice': '--start 给了两次 {0}',
    'err.cli_check.cannot-write-report': '无法写入报告 {0}：{1}',
    'err.cli_check.cannot-write-report-folder': '无法写入报告 {0}：文件夹 {1} 不存在',
    'err.cli_check.check-needs-f-and': 'check 需要 --f 和 --wrt（检查导数）或 --loss（检查损失）',
    'err.cli_check.loss-needs-model-and': '--loss 需要 --model 和 --inputs',
    'err.cli_check.refusing-write-report-over': '拒绝用报告覆盖输入文件 {0}；请另选 --out',
    'err.cli_check.timeout-must-be-between': '--timeout 必须在 0 到 3600 秒之间，而不是 {0}',
    'err.cli_check.timeout-needs-number-seconds': '--timeout 需要一个秒数，而不是 {0!r}',
    'err.cli_documents.pdf-needs-file-name': '--pdf 需要以 .pdf 结尾的文件名，而不是 {0!r}',
    'err.cli_files.and-name-same-file': '{0} 和 {1} 指向同一个文件 {2}',
    'err.cli_files.folder-does-not-exist': '{0}：文件夹 {1} 不存在（symgrad 不会新建文件夹）',
    'err.cli_files.folder-give-file-name': '{0}：{1} 是一个文件夹；请给出文件名，例如 {2}{3}',
    'err.cli_files.input-file-symgrad-never': '{0} {1} 是 {2} 的输入文件；symgrad 从不覆盖输入文件',
    'err.cli_files.needs-file-name-ending': '{0} 需要以 {1} 结尾的文件名，而不是 {2!r}',
    'err.cli_serve.cannot-listen-on': '无法在 {0}:{1} 上监听：{2}',
    'err.cli_serve.memory-mb-must-be': '--memory-mb 必须是正数，而不是 {0}',
    'err.cli_serve.port-must-be-between': '--port 必须在 0 到 65535 之间，而不是 {0}',
    'err.cli_serve.slots-must-be-at': '--slots 至少为 1，而不是 {0}',
    'err.cli_serve.symgrad-serve-needs-web':
        "symgrad serve 需要 web 扩展：pip install 'symgrad[web]'（缺少 {0}）",
    'err.cli_serve.timeout-must-be-positive': '--timeout 必须是正的秒数，而不是 {0}',
    'err.core.it-still-contains-carry': '式子里还有 {0}：请把它算出来',
    'err.data.backend-must-be-one': 'backend 必须是 {0} 之一，而不是 {1!r}',
    'err.data.bce-needs-labels-in': 'bce 要求标签在 [0, 1] 内；y 的第 {0} 行是 {1}',
    'err.data.cross-entropy-needs-one':
        'cross_entropy 要求每行标签是独热编码（各项在 [0, 1] 内且和为 1）；y 的第 {0} 行是 [{1}]',
    'err.data.exact-true-needs-exact':
        "exact=True 需要精确的数（int、Fraction、sympy Rational 或 '1/3' 这样的文本）；{0} 是 "
        '{1!r}',
    'err.data.exact-true-needs-exact-2':
        "exact=True 需要精确的学习率，例如 Rational(1, 10) 或 '1/10'，而不是 {0!r}",
    'err.data.exact-true-runs-in': 'exact=True 用有理数精确运算：backend= 不适用',
    'err.data.init-names-which-not': 'init 给出了 {0!r}，它不是参数（参数：{1}）',
    'err.data.lr-must-be-positive': 'lr 必须是正数，而不是 {0!r}',
    'err.data.lr-must-be-positive-2': 'lr 必须为正，而不是 {0}',
    'err.data.must-be-finite-number': '{0} 必须是有限的数，而不是 {1!r}',
    'err.data.must-be-not': '{0} 必须{1}，而不是 {2!r}',
    'err.data.must-be-table-numbers': '{0} 必须是一张数表，而不是 {1!r}',
    'err.data.must-have-shape-m':
        '{0} 的形状必须是 (m, {1})——每个{2}（{3}）一列——但第 {4} 行有 {5} 个',
    'err.data.no-samples-x-and': '没有样本：X 和 y 都是空的',
    'err.data.row-column-data-must': '{0} 第 {1} 行第 {2} 列是 {3}：数据必须是有限的数',
    'err.data.steps-must-be-whole': 'steps 必须是 ≥ 0 的整数，而不是 {0!r}',
    'err.data.x-has-rows-but': 'X 有 {0} 行而 y 有 {1} 行；两者必须一致',
    'err.derivative.line-differentiates-with-respect': '第 1 行对 {0} 求导，而不是对 {1}',
    'err.derivative.lines-must-be-non': 'lines 必须是非空的表达式列表',
    'err.derive.derive-takes-loss-or': 'derive 接受一个 Loss 或单个表达式，不接受矩阵（Matrix）',
    'err.derive.has-no-symbols-differentiate': '{0} 没有可以求导的符号；请用 wrt= 指定',
    'err.derive.this-network-has-parameters':
        '这个网络有 {0} 个参数；它的标量视图（每个权重一个表达式）最多支持 {1} 个：请用向量视图 '
        'symgrad.backprop(loss)，它在任意宽度下都能推导和训练',
    'err.descent.exact-descent-stopped-after':
        '精确下降在第 {0} 步后停止：{1} 的精确值需要超过 {2} 位数字；请少跑几步，或用 exact=False',
    'err.descent.exact-true-needs-stay':
        'exact=True 要求 {0} 保持为有理数，但第 {1} 步时它是 {2}；exp、log、sigmoid '
        '等函数会离开有理数：请用 exact=False',
    'err.descent.gradient-descent-diverged-at':
        '梯度下降在第 {0} 步发散：J = {1}（起始为 {2}）；请试一个比 {3} 小的学习率',
    'err.descent.undefined-at-step-division': '{0} 在第 {1} 步没有定义（除以零或 log 0）',
    'err.diagnose.gradient-descent-diverged-at':
        '梯度下降在第 {0} 步发散：J = {1:.4g}（起始为 {2:.4g}）{3}；请试一个比 {4:g} 小的学习率',
    'err.diagnose.gradient-not-finite-at':
        '第 {0} 步的梯度不是有限值（{1}）；请换一个起点，或用可导的损失',
    'err.diagnose.gradient-not-finite-at-2':
        '第 {0} 步的梯度不是有限值（那里某个梯度是 0/0 或无穷大）；请换一个起点',
    'err.diagnose.j-at-step': '第 {1} 步 J 为 {0}：{2}',
    'err.diagnose.j-at-step-value': '第 {1} 步 J 为 {0}：有个值超出了浮点数的范围',
    'err.document.does-not-exist': '{0} 不存在',
    'err.fused.backend-numba-needs-numba':
        "backend='numba' 需要 numba：pip install 'symgrad[fast]'",
    'err.fused_net.backend-numba-trains-networks':
        "backend='numba' 只训练每个 Dense 层都有偏置的网络",
    'err.gate.at-least-one-computation': '同时至少要允许一个计算，而不是 {0}',
    'err.gate.server-busy': '{0}（服务器正忙）',
    'err.grade.empty-expected-columns': '{0} 是空的（应有的列：{1}）',
    'err.grade.has-no-column-expected': '{0} 没有 {1} 列（应有的列：{2}）',
    'err.grade.line': '第 {0} 行：{1}',
    'err.grade.line-problem-neither-id':
        "第 {0} 行：题目 {1} 既不是题目文件中的编号，也不是 'd/dx: 2x^2 - 12x + 20' 这种形式",
    'err.kmeans.must-be-got': '{0} 必须{1}，却得到 {2}',
    'err.kmeans.must-be-whole-number': '{0} 必须是整数，却得到 {1!r}',
    'err.kmeans.worked-cluster-needs-whole': '示例簇的点数必须是 ≥ 1 的整数，却得到 {0!r}',
    'err.kmeans.x-must-be-d': 'X 必须是由数组成的二维数组：{0}',
    'err.kmeans.x-must-be-non': 'X 必须是非空的二维数组（点 × 坐标）；它的形状是 {0}',
    'err.kmeans.x-must-hold-finite': 'X 必须都是有限的数；第 {0} 行有 NaN 或无穷大',
    'err.loss.not-parameter-model-its': '{0} 不是模型的参数（它的参数：{1}）',
    'err.losses.loss-needs-symgrad-model': '损失需要一个 symgrad 模型（Model 或网络），而不是 {0}',
    'err.losses.needs-model-with-one': '{0} 需要只有一个输出的模型；这个模型有 {1} 个',
    'err.losses.target-name-also-symbol': '目标名 {0} 也是模型中的符号；请用 target=... 另选一个',
    'err.mathml.cannot-typeset': '无法排版 {0}',
    'err.mathml.cannot-typeset-environment': '无法排版环境 {0}',
    'err.mathml.cannot-typeset-inside-text': '无法在 \\text 中排版 {0}',
    'err.model.cannot-be-both-input': '{0} 不能既是输入又是参数',
    'err.model.in-model-neither-input':
        '模型中的 {0} 既不是输入也不是参数；请把它列入 inputs= 或 params=',
    'err.model.input-does-not-appear': '输入 {0} 没有出现在模型中；输入必须是公式中的符号（{1}）',
    'err.model.model-has-no-parameters': '模型没有可拟合的参数：每个符号都是输入',
    'err.model.model-needs-at-least': "模型至少需要一个输入，例如 inputs=['x']",
    'err.network.init-names-which-not':
        'init 给出了 {0!r}，它不是这个网络的参数（权重写作 W{{layer}}_{{unit}}_{{input}}，'
        '偏置写作 b{{layer}}_{{unit}}，从 1 开始编号）',
    'err.nn.gives-outputs-but-next': '{0!r} 给出 {1} 个输出，但下一层 {2!r} 需要 {3} 个输入',
    'err.nn.must-be-whole-number': '{0} 必须是 ≥ 1 的整数，而不是 {1!r}',
    'err.nn.neither-dense-layer-nor': '{0!r} 既不是 Dense 层也不是激活函数',
    'err.nn.sequential-network-starts-with': 'Sequential 网络必须以 Dense 层开头',
    'err.nn.softmax-not-elementwise-apply': 'softmax 不是逐元素的：请把它作用在整列上',
    'err.nn.two-activations-in-row': '连续两个激活函数（{0!r}、{1!r}）',
    'err.parsing.at-column-has-no': "第 {1} 列的 '{0}' 没有配对的 '{2}'",
    'err.parsing.at-column-never-closed': "第 {1} 列的 '{0}' 没有闭合",
    'err.parsing.brackets-are-nested-more': '括号嵌套超过了 {0} 层',
    'err.parsing.calls-something-that-not':
        '{0} 调用的不是函数名；请在因子之间写 *（只有在数后面才可以省略乘号：2(x+1)）',
    'err.parsing.cannot-read': '无法读取{0} {1}：{2}',
    'err.parsing.derivative-not-supported': '不支持导数 {0}',
    'err.parsing.divides-by-zero': '{0} 除以零',
    'err.parsing.e-notation-not-latex':
        '科学记数法 e 不是 LaTeX（它会被读作自然常数 e）；请写 10^{{n}}',
    'err.parsing.expected-at-least-one': '至少需要一个名称，却一个也没有',
    'err.parsing.expected-expression-got': '应为表达式，却得到 {0}',
    'err.parsing.expected-names-such-as': "应为 'x, y' 这样的名称，却得到 {0}",
    'err.parsing.expected-text-or-sympy': '应为文本或 SymPy 表达式，却得到 {0}',
    'err.parsing.expression-ends-after-expected': "表达式在 '{0}' 之后就结束了；它后面还应有一项",
    'err.parsing.function-has-invalid-name': '函数 {0} 的名称无效：{1}',
    'err.parsing.function-write': '\\{0} 是函数；请写 \\{1}(...)',
    'err.parsing.function-write-2': '{0} 是函数；请写 {1}(...)',
    'err.parsing.functions-take-plain-positional': '{0}：函数只接受普通的位置参数',
    'err.parsing.gives-name-which-not': '{0!r} 给出的名称 {1!r} 不被允许：{2}',
    'err.parsing.in-latex-without-backslash':
        "在 LaTeX 中，不带反斜杠的 '{0}' 会被读作字母的乘积；函数请写 {1}(...)",
    'err.parsing.it-characters-long-at': '它有 {0} 个字符；最多允许 {1} 个',
    'err.parsing.it-empty-expected-formula': '它是空的；应为 2x + 1 这样的公式',
    'err.parsing.it-empty-expected-formula-2': '它是空的；应为 2*x + 1 这样的公式',
    'err.parsing.it-holds-number-more': '其中有一个超过 {0:,} 位（二进制）的数',
    'err.parsing.it-nested-more-than': '它的嵌套超过了 {0} 层',
    'err.parsing.it-nested-too-deeply': '它嵌套太深或太大，无法读取',
    'err.parsing.it-not-finite-number': '它不是有限的数',
    'err.parsing.it-not-formula-i': '它不是我能读懂的公式（第 {0} 列语法错误：{1}）{2}',
    'err.parsing.its-value-infinite': '它的值是无穷大',
    'err.parsing.its-value-not-real': '它的值不是实数（其中含有虚数单位）',
    'err.parsing.its-value-undefined-division': '它的值没有定义（除以零或 log(0)）',
    'err.parsing.latex-command-not-supported':
        '不支持 LaTeX 命令 \\{0}；可以用 \\frac、\\sqrt、\\cdot、^{{...}}、_{{...}}、希腊字母、'
        '\\exp \\log \\sin \\cos \\tan \\sinh \\arctan（及类似函数）、\\max \\min \\sigma '
        '\\operatorname{{relu}} \\operatorname{{softplus}}',
    'err.parsing.latex-input-limited-characters': 'LaTeX 输入最多 {0} 个字符',
    'err.parsing.latex-nested-too-deeply': '这段 LaTeX 嵌套太深，无法读取',
    'err.parsing.latex-parser-failed': 'LaTeX 解析器出错（{0}）',
    'err.parsing.name-at-column-not':
        '第 {1} 列的名称 {0!r} 不被允许；名称只能用 ASCII 字母、数字和 _（σ 是 sigmoid 函数）',
    'err.parsing.name-listed-twice': '名称 {0!r} 列出了两次',
    'err.parsing.not-allowed': '{0}（{1}）不被允许；{2}',
    'err.parsing.not-allowed-name': '{0} 不是允许的名称：{1}',
    'err.parsing.not-decimal-number': '{0!r} 不是十进制数',
    'err.parsing.not-function-i-know': '{0} 不是我认识的函数；{1}',
    'err.parsing.not-function-i-know-2':
        '{0} 不是我认识的函数；乘积请写 {1}*(...)；可用的函数有 {2}',
    'err.parsing.not-function-i-know-3': '{0} 不是我认识的函数；可用的函数有 {1}',
    'err.parsing.not-number-or-name': '{0} 既不是数也不是名称；{1}',
    'err.parsing.not-plain-symbol': '{0} 不是普通的符号',
    'err.parsing.not-supported-and-derivatives': '不支持 {0}（{1}）；{2}，以及导数 d/dx',
    'err.parsing.not-valid-name': '{0} 不是有效的名称：{1}',
    'err.parsing.not-variable-latex-variables':
        '{0!r} 不是变量；LaTeX 变量是单个字母或希腊字母，可以带下标（x_{{1}}）',
    'err.parsing.not-variable-name': '{0!r} 不是变量名',
    'err.parsing.number-has-too-many': '数 {0} 的位数太多',
    'err.parsing.number-too-large-or': '数 {0} 太大或太小',
    'err.parsing.operator-in-not-allowed': '{0} 中的运算符不被允许；{1}',
    'err.parsing.reading-latex-needs-antlr': '读取 LaTeX 需要 antlr4-python3-runtime==4.11.1',
    'err.parsing.subscript-in-must-be': '{0!r} 的下标必须是字母或数字',
    'err.parsing.symbol-has-invalid-name': '符号 {0!r} 的名称无效：{1}',
    'err.parsing.takes-argument-got': '{0}：{1} 接受 {2} 个参数，却得到 {3} 个',
    'err.parsing.takes-or-arguments-got': '{0}：{1} 接受 {2} 或 {3} 个参数，却得到 {4} 个',
    'err.parsing.takes-two-or-more': '{0}：{1} 接受两个或更多参数',
    'err.parsing.too-large-compute-exactly':
        '{0} 太大，无法精确计算；精确的幂最多 {1:,} 位二进制（约 {2:,} 位十进制数字）',
    'err.parsing.too-large-compute-exactly-2':
        '{0} 太大，无法精确计算；分数次幂的底数最多 {1} 位二进制',
    'err.parsing.true-and-false-are': 'True 和 False 不是数',
    'err.parsing.two-numbers-in-row': '连续两个数（ANTLR 会把它们粘成一个）；请用 \\cdot',
    'err.parsing.unexpected-character-at-column': '第 {1} 列出现了意外的字符 {0!r}',
    'err.parsing.unexpected-character-latex-input': '意外的字符 {0!r}；LaTeX 输入必须是 ASCII',
    'err.parsing.write-numbers-without-thousands': '写数时不要用千位分隔符，逗号后面请加空格',
    'err.pdf.could-not-compile-it': '{0} 无法编译：{1}',
    'err.pdf.not-installed-install-tex':
        '{0} 没有安装；请安装 TeX Live（Debian：apt-get install {1}）',
    'err.pdf.took-longer-than-s': '{0} 用时超过 {1:g} 秒',
    'err.pdf.unknown-tex-engine-symgrad': '未知的 TeX 引擎 {0!r}；symgrad 使用 pdflatex 或 xelatex',
    'err.plot.fit-plot-draws-one':
        'fit_plot 只画单输入模型（数据上的一条曲线）或用 bce 训练的双输入分类器（一条决策边界）'
        '；这个模型有 {0} 个输入、{1} 个输出，损失是 {2}',
    'err.plot.kmeans-plot-draws-two': 'k-means 图只画二维数据；这些数据是 {0} 维的',
    'err.plot.surface-true-needs-function': 'surface=True 需要二元函数；这个函数只有一个变量',
    'err.plot.trace-plot-can-only': 'trace_plot 只能画一个或两个变量；这条路径有 {0} 个（{1}）',
    'err.reading.cannot-read-after-division':
        '无法读取{0} {1!r}：除号之后并排的因子有歧义（a/b c 是 (a/b)·c 还是 a/(b·c)？）；请写 * '
        '或加括号',
    'err.reading.cannot-read-can-be':
        '无法读取{0} {1!r}：{2!r} 可以读作 {3}；请在你想要的因子之间写 *',
    'err.reading.cannot-read-exponent-ambiguous':
        '无法读取{0} {1!r}：指数 {2!r} 有歧义（是 {3}{4} 次幂，还是 {5} 次幂再乘 {6}？）；'
        '请加括号，例如 e^(2x)',
    'err.rules.diff-steps-differentiates-with': 'diff_steps 对一个符号（Symbol）求导，却得到 {0!r}',
    'err.rules.diff-steps-needs-scalar': 'diff_steps 需要标量表达式，却得到矩阵 {0}',
    'err.rules.diff-steps-needs-sympy': 'diff_steps 需要一个 SymPy 标量表达式，却得到 {0}',
    'err.rules.diff-steps-works-with': 'diff_steps 只处理实变量；{0} 被声明为非实数',
    'err.step.claimed-step-must-give': '所写的一步必须恰好给出 {0}：{1}',
    'err.step.must-be-number-got': '{0} 必须是数，却得到 {1}',
    'err.step.start-gives-no-value': '起点没有给出 {0} 的值',
    'err.too-expensive.memory': '无法判定：{0}的开销太大，无法在 {1:g} MiB 内存内判定',
    'err.too-expensive.reason': '无法判定：{0}的开销太大，无法判定：{1}',
    'err.too-expensive.seconds': '无法判定：{0}的开销太大，无法在 {1:g} 秒内判定',
    'err.trace.f-cannot-be-evaluated': 'f 在起点 {0} 处无法求值：{1}',
    'err.trace.learning-rate-must-be': '学习率 α 必须为正，却得到 {0!r}',
    'err.trace.must-be-finite-number': '{0} 必须是有限的数，却得到 {1!r}',
    'err.trace.must-be-number-got': '{0} 必须是数，却得到 {1!r}',
    'err.trace.must-be-real-number': '{0} 必须是实数，却得到 {1!r}',
    'err.trace.start-gives-twice': '起点给了两次 {0}',
    'err.trace.start-has-no-value': '起点没有给出 {0} 的值；f = {1} 的每个变量都需要一个值',
    'err.trace.start-must-be-non': "起点必须是非空的字典，例如 {{'x': 1}}",
    'err.trace.steps-must-be-between': '步数必须在 0 到 {0} 之间，却得到 {1}',
    'err.trace.steps-must-be-whole': '步数必须是整数，却得到 {0!r}',
    'err.work.answers-file-has-no': '答案文件没有数据行',
    'err.work.field-longer-than-characters': '字段“{0}”超过了 {1:,} 个字符',
    'err.work.give-layer-sizes-each': '请给出 2 到 {0} 个层的大小，每个在 1 到 {1} 之间',
    'err.work.layer-sizes-are-whole': '层的大小是用逗号分隔的整数，例如 2,2,1；而不是 {0!r}',
    'err.work.learning-rate-must-be': '学习率必须是数，例如 0.1',
    'err.work.must-be-between-and': '“{0}”必须在 {1} 到 {2:,} 之间，而不是 {3:,}',
    'err.work.must-be-one': '“{0}”必须是 {1} 之一',
    'err.work.must-be-whole-number': '“{0}”必须是整数，而不是 {1!r}',
    'err.work.not-utf-text-save': '{0} 不是 UTF-8 文本（请另存为 CSV UTF-8）',
    'err.work.please-fill-in-field': '请填写字段“{0}”',
}
