"""The English words of the index form (symgrad.calculus.index_form): the derivation written
once for a generic weight wⱼ, W⁽ˡ⁾ⱼₖ and δ⁽ˡ⁾ⱼ.  Merged into :data:`symgrad.i18n.words.ENGLISH`.
"""

WORDS = {
    'head.index-model': 'The model, written with sums',
    'head.index-output': 'The output layer: {0}',
    'head.index-output-formula': 'The derivative {0}',
    'head.index-hidden': 'Layer {0}: {1} from the layer above',
    'head.index-gradients': 'Every weight and every bias',
    'head.index-gradients-weights': 'Every weight',
    'head.index-matrix': 'The same in matrix form',
    'head.index-rules': 'Appendix: the local derivatives, rule by rule',
    'para.index-network': (
        'Every weight enters the loss through one weighted sum, so the derivation is written '
        'once, for a generic unit $j$ and input $k$ of each layer: it is the same for any width '
        '({0} here). One weight written out in full: `derive(loss, wrt="{1}")`, or `--wrt {1}`.'
    ),
    'para.index-formula': (
        'The model is a weighted sum of its {0} inputs, so the derivation is written once, for a '
        'generic weight $wⱼ$: it is the same for any $n$. One weight written out in full: '
        '`derive(loss, wrt="{1}")`, or `--wrt {1}`.'
    ),
    'para.index-kinks': (
        'The loss is not differentiable where some {0}; the formulas use the '
        'value 0 for the derivative there.'
    ),
    'para.index-matrix': (
        'For a whole layer at once ($δ$, $a$ and $b$ as columns, $⊙$ entry by entry), as the '
        'vector view computes it:'
    ),
    'para.index-matrix-formula': 'For every weight at once, $w$ and $x$ as columns:',
    'index.caveat': 'not differentiable where some {0}',
    'index.weighted-sum': 'a weighted sum: one term per input',
    'index.activation': 'the activation, unit by unit',
    'index.softmax': 'softmax: every output depends on every $z$',
    'index.loss': '{0}',
    'index.mean': 'the mean over the $m$ samples',
    'index.delta': 'name it $δ$',
    'index.loss-derivative': 'from $ℓ$ by the rules of differentiation (appendix)',
    'index.loss-term': '$ℓ$ sums over the outputs: only one term depends on it',
    'index.local.sigmoid': '$σ′ = σ(1 − σ)$',
    'index.local.tanh': '$tanh′ = 1 − tanh²$',
    'index.local.relu': '$relu′(z)$ is $1$ if $z > 0$, else $0$',
    'index.local.rules': "the activation's derivative (appendix)",
    'index.local.softmax': "softmax's derivative",
    'index.chain': 'chain rule: $z$ reaches $ℓ$ only through the activation',
    'index.chain-softmax': 'chain rule: $zⱼ$ reaches $ℓ$ through every output',
    'index.chain-sum': 'chain rule: $a$ feeds every unit of layer {0}',
    'index.one-term-input': 'only one term of the sum depends on {0}',
    'index.delta-recursion': '{0}',
    'index.one-term': 'chain rule; only one term of $z$ depends on {0}',
    'index.bias': 'chain rule; $∂z/∂b = 1$',
    'index.substitute': '{0}',
    'index.mean-gradient': 'the mean of the per-sample gradients',
    'para.form-not-weighted': "Each parameter's derivative is written out in full: the model is not a weighted sum $Σₖ wₖxₖ + b$ of its inputs, so no one generic weight stands for the others.",  # noqa: E501
    'para.form-short': "Each parameter's derivative is written out in full: the model is a weighted sum too short for the index form to save anything (its parameters: {0}).",  # noqa: E501
    'para.form-names': "Each parameter's derivative is written out in full: the model is a weighted sum, but the index form needs its weights named w1 … wn and its inputs x1 … xn, one weight per input, so that one generic $wⱼ$ stands for all.",  # noqa: E501
    'para.form-asked': "The parameters asked for ({0}) are derived in full, one by one; without wrt, derive gives the index form, written once for a generic weight.",  # noqa: E501
    'para.form-penalty': "Each parameter's derivative is written out in full: the penalty is on a bias or on some weights only, which the index form's penalty row (on every weight) does not cover.",  # noqa: E501
    'index.mean-penalty': 'the mean over the $m$ samples, plus the penalty $P$ on the weights',
    'index.mean-gradient-penalty': "the per-sample mean, plus the penalty's derivative",
    'index.matrix-delta': 'every $δⱼ$ of the layer at once',
    'index.matrix-gradient': 'every $δⱼaₖ$ at once: an outer product',
    'index.matrix-regression': '$X$: the inputs, one sample per row; {0}: the errors $f − y$',
    'algebra.sum-one-term': 'only the term $k = j$ has $1[k = j] = 1$',
}
