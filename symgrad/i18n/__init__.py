"""Words in every language: the language in force (``language``) and the catalogues
(``words`` for English, ``words_zh`` for Chinese; error and interface messages beside them)."""
