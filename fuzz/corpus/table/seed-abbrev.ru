# Russian abbreviations that end in a full stop without ending the sentence.
# abbreviation (without its final ".", compared case-insensitively)<TAB>kind
#   prefix  stands before a name or a number: never ends a sentence before a capitalised word
#           or a number ("г. Москва", "ул. Ленина", "пгт. Брагиновка", "проф. Семенов")
#   number  stands before a number: never ends a sentence before a number ("ст. 5", "рис. 3")
#   year    "г." / "гг." after a year ends a sentence before a capitalised word ("в 2010 г. Он"),
#           except in a date set off by a comma ("Дом, где родился Толстой, 1898 г. В ..."),
#           and stands before a name otherwise ("г. Волгоград")
# Multi-part abbreviations written with inner full stops (т.е., т.к., и т.д.) are handled by their
# shape: a run of short lowercase parts joined by full stops.
г	year
гг	year
ул	prefix
пр	prefix
просп	prefix
пл	prefix
пер	prefix
наб	prefix
ш	prefix
д	prefix
кв	prefix
корп	prefix
стр	prefix
обл	prefix
р-н	prefix
пгт	prefix
пос	prefix
с	prefix
дер	prefix
ст	number
им	prefix
св	prefix
о	prefix
оз	prefix
р	prefix
проф	prefix
акад	prefix
доц	prefix
ген	prefix
генерал-л	prefix
полк	prefix
подполк	prefix
кап	prefix
лейт	prefix
серж	prefix
гр	prefix
тов	prefix
г-н	prefix
г-жа	prefix
д-р	prefix
зам	prefix
пред	prefix
рис	number
табл	number
гл	number
п	number
пп	number
ч	number
т	number
вып	number
№	number
янв	number
февр	number
мар	number
апр	number
авг	number
сент	number
окт	number
нояб	number
дек	number
