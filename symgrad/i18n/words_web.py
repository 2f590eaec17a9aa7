"""The words of the web page's newer parts and of the grade report's totals (English);
``words_web_zh`` has the same keys in Chinese."""

WORDS = {
    'web.steps-folded': 'Every step',
    'web.downloads': 'Download',
    'web.pdf-article': 'PDF article',
    'web.pdf-slides': 'PDF slides',
    'web.totals': 'Totals per student',
    'web.every-answer': 'Every answer',
    'web.sample-answers': 'Sample answers CSV',
    'web.sample-problems': 'Sample problems CSV',
    'web.sample-data': 'Sample data CSV (x, y)',
    'web.kept-file': 'Using {0} from the last run; choose another file to replace it.',
    'web.title.forbidden': 'Not allowed here',
    'web.forbidden.host':
        'this server does not answer to that name; open it by its address or a name given '
        'with symgrad serve --host',
    'web.forbidden.token':
        'this page needs the token printed when the server started: open the full address '
        'with ?token=… that symgrad serve printed',
    'web.forbidden.origin': 'this form was sent from another site; open the page and send it '
                            'from there',
    'web.forbidden.xsrf': 'this form has expired or was not sent from this page; reload the '
                          'page and send it again',
    'grade.student': 'student',
    'grade.score': 'score',
    'grade.md-students': '## Totals per student',
    'web.col.score': 'score',
    'cli.derive-steps-renamed':
        'derive shows every rule with --rules (--steps N is the number of steps of fit and trace)',
    'cli.progress-needs-tqdm': "--progress needs tqdm: pip install 'symgrad[progress]'",
    'cli.standard-input': 'standard input',
    'cli.check-needs-wrt': 'check needs --wrt: the function has the variables {0}',
    'grade.report-stdout': 'the report went to standard output',
}
