# Armenian abbreviations that end in a full stop without ending the sentence. Armenian ends
# sentences with "։" (or an ASCII ":" typed in its place), so inside Armenian text a "." is a
# mijaket or an abbreviation and never ends a sentence by itself; these entries matter for text
# that also uses "." as a full stop.
# abbreviation<TAB>kind (see abbrev.en.tsv)
թ	year
թթ	year
պրն	prefix
տկն	prefix
դոկտ	prefix
պրոֆ	prefix
գեն	prefix
փող	prefix
պող	prefix
հմր	number
էջ	number
