# quad-metrics.awk - scores the events dyad coded from labelled sentences.
# Input: dyad's TSV output (header line first; documents s1, s2, ... are the
# label file's lines). -v labels=FILE gives "sentence<TAB>class" lines with
# class 0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal
# conflict, 4 material conflict. An event's class: CAMEO root 01 is 0, any
# other root its quad class. Prints "key value" lines:
#   sentences, coded (sentences with an event), events,
#   precision  events whose class is the sentence's class / all events,
#   recall     sentences with an event of their class / all sentences,
#   f1, first  (the first event's class right / sentences coded),
#   p_K r_K    precision and recall of class K (events coded K that are
#              right / events coded K; sentences of class K found / all of K).
BEGIN {
    FS = "\t"
    while ((getline line < labels) > 0) {
        n++
        split(line, f, "\t")
        gold[n] = f[2] + 0
        total[gold[n]]++
    }
}
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
    d = $col["doc"]; sub(/^s/, "", d); d += 0
    c = ($col["root"] == "01") ? 0 : $col["quad"] + 0
    events++
    ev_class[c]++
    if (!(d in first)) { first[d] = c; coded++ }
    if (c == gold[d]) { right_events++; ev_right[c]++; found[d] = 1 }
}
END {
    for (i = 1; i <= n; i++) {
        if ((i in first) && first[i] == gold[i]) first_right++
        if (i in found) { recalled++; cls_found[gold[i]]++ }
    }
    p = events ? right_events / events : 0
    r = n ? recalled / n : 0
    printf "sentences %d\ncoded %d\nevents %d\n", n, coded, events
    printf "precision %.4f\nrecall %.4f\nf1 %.4f\n", p, r, p + r ? 2 * p * r / (p + r) : 0
    printf "first %.4f\n", coded ? first_right / coded : 0
    for (k = 0; k <= 4; k++)
        printf "p_%d %.4f\nr_%d %.4f\n", k, ev_class[k] ? ev_right[k] / ev_class[k] : 0,
               k, total[k] ? cls_found[k] / total[k] : 0
}
