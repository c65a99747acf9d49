#!/bin/sh
# Plays three breakouts of a Cusco-style conference through the quipu command line, with the
# clock advanced by QUIPU_NOW and a fixed writer id, so the example sessions are reproducible:
# two closed breakouts (journal, Markdown report and HTML page) and one planned follow-up meeting.
#
#   QUIPU=.build/debug/quipu scripts/make-examples.sh [--dir Sessions]
#   scripts/make-examples.sh --quipu PATH [--dir DIR]
#
# Re-runnable: it removes only the files it makes before making them again.
set -eu

QUIPU=${QUIPU:-.build/debug/quipu}
DIR=Sessions
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) DIR=$2; shift 2 ;;
        --quipu) QUIPU=$2; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "make-examples: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -x "$QUIPU" ] || { echo "make-examples: no quipu binary at $QUIPU (build it, or set QUIPU)" >&2; exit 1; }

WATERSHED=2026-11-27-watershed-management
ANDES=2026-11-28-andes
FOLLOWUP=2026-11-29-watershed-management-follow-up-on-the-workplan
for id in $WATERSHED $ANDES $FOLLOWUP; do
    rm -f "$DIR/$id.txt" "$DIR/$id.md" "$DIR/$id.html"
done

export QUIPU_WRITER=cusco
# The laptop the examples were played on: recorded in session.create, so it must not be this machine's.
export QUIPU_DEVICE=cusco
unset QUIPU_DIR
DAY=2026-11-27
# at HH:MM[:SS] — the moment the next commands happen (UTC; Cusco is UTC-5).
at() { case "$1" in *:*:*) QUIPU_NOW="${DAY}T$1Z" ;; *) QUIPU_NOW="${DAY}T$1:00Z" ;; esac; export QUIPU_NOW; }
q() { "$QUIPU" --dir "$DIR" "$@" >/dev/null; }
new() {
    id=$("$QUIPU" --dir "$DIR" new "$@")
    [ "$id" = "$expected" ] || { echo "make-examples: expected $expected, got $id" >&2; exit 1; }
}

# ---------------------------------------------------------------------------------------------
# Watershed management: a thematic initiative, Saturday afternoon.
S=$WATERSHED; expected=$S
at 19:28; new "Watershed management" --initiative "Watershed management" \
    --facilitator "María Quispe Mamani" --rapporteur "Lucía Fernández"
at 19:31; q timer $S start
at 19:32; q participant $S add "María Quispe Mamani" --org CONDESAN --group ngo --country Peru
q participant $S add "José Gutiérrez" --org "Ministerio del Ambiente" --group government --country Peru
at 19:33; q participant $S add "Pema Dorji" --org "Ministry of Agriculture and Forests" --group government --country Bhutan
q participant $S add "Amina Wanjiru" --org "Kenya Forest Service" --group government --country Kenya
at 19:34; q participant $S add "Lucía Fernández" --org FAO --group intergovernmental --country Italy
q participant $S add "Rajesh Shrestha" --org ICIMOD --group intergovernmental --country Nepal
at 19:35; q participant $S add "Tenzing Norbu Sherpa" --org "The Mountain Institute" --group ngo --country Nepal
q participant $S add "Ana Ramírez Choque" --org "Red de Mujeres Rurales Andinas" --group major-group --country Bolivia
at 19:36; q participant $S add "Claire Dubois" --org UNEP --group intergovernmental --country Switzerland --observer
q participant $S add "Thomas Berger" --org "University of Bern" --group research --country Switzerland --observer

at 19:42; q timer $S next
at 19:43; q idea $S add "Integrated watershed plans shared by upstream and downstream users" --by P2
at 19:44; q idea $S add "Payment for environmental services schemes" --by "José Gutiérrez"
at 19:45; q idea $S add "Community water committees and local water governance" --by P1
at 19:46; q idea $S add "Glacier and snowmelt monitoring for water security" --by P6
at 19:47; q idea $S add "Erosion control and restoration of degraded slopes" --by P4
at 19:48; q idea $S add "Payment for ecosystem services" --by P8
at 19:49; q idea $S add "Exchange between Andean, African and Himalayan watersheds" --by P7
at 19:50; q idea $S add "Women's role in water management" --by "Ana Ramírez Choque"
# The duplicate is withdrawn, not deleted: the record keeps it.
at 19:51; q idea $S withdraw I6
q idea $S edit I4 "Glacier, snow and high-wetland monitoring for water security"
at 19:52; q participant $S set P3 --absent
at 19:54; q vote $S open --dots 3 --max-per-item 2
at 19:55; q vote $S cast --by P1 I3:2 I8
q vote $S cast --by P2 I2:2 I1
at 19:56; q vote $S cast --by P4 I5:2 I3
q vote $S cast --by "Lucía Fernández" I1 I3 I4
at 19:57; q vote $S cast --by P6 I4:2 I7
q vote $S cast --by P7 I7:2 I3
at 19:58; q vote $S cast --by P8 I8:2 I3
q vote $S cast --by P9 I4:2 I1
at 19:59; q vote $S cast --by P10 I7 I4 I3
at 20:01; q vote $S close
at 20:03; q timer $S pause
at 20:07; q timer $S resume

at 20:10; q timer $S next
at 20:11; q idea $S add "Andean–Himalayan watershed learning programme" --kind programme --area I7 --by P6
at 20:13; q idea $S add "Regional pilot of payments for environmental services in three countries" --kind programme --area I2 --by P2
at 20:15; q idea $S add "Training kit for community water committees in Quechua, Aymara and Spanish" --kind project --area I3 --by P1
at 20:17; q idea $S add "Terracing and native-tree restoration pilot in the Río Santa basin" --kind project --area I5 --by P4
at 20:19; q idea $S add "Low-cost monitoring stations at three glacier lakes" --kind project --area I4 --by P6
at 20:22; q idea $S add "Women water leaders' exchange visits" --kind project --area I8 --by P8
at 20:25; q idea $S add "The top three areas go to plenary; the others stay on the list for next year" --kind note --by P1
at 20:30; q timer $S extend 5

at 20:36; q timer $S next
at 20:37; q role $S assign lead P1
q role $S assign co-lead "Rajesh Shrestha"
at 20:38; q role $S assign "focal point" FAO
q role $S assign rapporteur P5
at 20:40; q action $S add "Circulate a concept note on the three priority areas" --owner P1 --due 2027-01-31 --for I3
at 20:43; q action $S add "Draft terms of reference for the regional payments pilot" --owner "José Gutiérrez" --due 2027-03 --for I10
at 20:46; q action $S add "Compile glacier and snow monitoring data from the Andes and the Himalaya" --owner ICIMOD --due 2027-04-30 --for I4
at 20:49; q action $S add "Identify donors for the Río Santa restoration pilot" --owner P4 --due 2027-06 --for I12
at 20:52; q action $S add "Set up the initiative's mailing list and shared folder" --owner FAO --due 2027-01
q action $S status A5 in-progress
at 20:54; q action $S add "Plan the women water leaders' exchange" --owner P8 --due 2027-09 --for I14

at 20:57; q timer $S next
at 21:01; q idea $S add "Rapporteur to present I3 first, then I4, I7 and I8 (tied second), and the workplan at the closing plenary" --kind note --by P5
at 21:06; q timer $S next
at 21:07; q close $S

# ---------------------------------------------------------------------------------------------
# Andes: a regional initiative, Sunday afternoon, members from five countries.
DAY=2026-11-28
S=$ANDES; expected=$S
at 19:25; new "Andes" --initiative "Andes" --facilitator "Carmen Condori Mamani" --rapporteur "Diego Castaño"
at 19:30; q timer $S start
at 19:31; q participant $S add "Carmen Condori Mamani" --org "Ministerio de Desarrollo Rural y Tierras" --group government --country Bolivia
q participant $S add "Luis Alberto Paredes" --org "Ministerio del Ambiente" --group government --country Ecuador
at 19:32; q participant $S add "Valentina Rojas" --org "Ministerio de Agricultura" --group government --country Chile
q participant $S add "Diego Castaño" --org "Instituto Alexander von Humboldt" --group research --country Colombia
at 19:33; q participant $S add "Sofía Mendoza" --org "International Potato Center (CIP)" --group research --country Peru
q participant $S add "María José Villalobos" --org CONDESAN --group ngo --country Peru
at 19:34; q participant $S add "Juan Carlos Quispe" --org "Confederación de Comunidades Campesinas" --group major-group --country Peru
q participant $S add "Elena Vásquez" --org UNDP --group intergovernmental --country Peru
at 19:35; q participant $S add "Gonzalo Ñuflo" --org "Gobierno Regional de Cusco" --group government --country Peru
at 19:36; q participant $S add "Patrick Moreau" --org UNEP --group intergovernmental --country Switzerland --observer
q participant $S add "Martina Ríos" --org "The Mountain Institute" --group ngo --country Peru --observer

at 19:41; q timer $S next
at 19:42; q idea $S add "Adaptation of Andean ecosystems and communities to climate change" --by P2
at 19:43; q idea $S add "Native crops and agrobiodiversity: potato, quinoa, oca" --by P5
at 19:44; q idea $S add "Sustainable tourism along the Qhapaq Ñan" --by P9
at 19:45; q idea $S add "Tourism on the Inca trails" --by P11
at 19:46; q idea $S add "Policies and laws that recognise mountain communities" --by P1
at 19:47; q idea $S add "Glacier lake outbursts and landslides: disaster risk reduction" --by P3
at 19:48; q idea $S add "Markets and fair prices for mountain products" --by "Juan Carlos Quispe"
at 19:49; q idea $S add "Market access" --by P7
# Typed twice by mistake: undo takes the duplicate back; the journal keeps both lines.
q undo $S
at 19:50; q idea $S withdraw I4
at 19:52; q vote $S open --dots 4 --max-per-item 2
at 19:53; q vote $S cast --by P1 I5:2 I1:2
q vote $S cast --by P2 I1:2 I6:2
at 19:54; q vote $S cast --by P3 I6:2 I1 I7
q vote $S cast --by P4 I1:2 I2:2
at 19:55; q vote $S cast --by P5 I2:2 I7:2
q vote $S cast --by "María José Villalobos" I1 I2 I5 I7
at 19:56; q vote $S cast --by P7 I7:2 I2 I5
q vote $S cast --by P8 I1:2 I6 I5
at 19:57; q vote $S cast --by P9 I3:2 I7:2
q vote $S cast --by P10 I1:2 I6:2
at 19:58; q vote $S cast --by P11 I3:2 I2:2
at 20:00; q vote $S close
at 20:04; q timer $S next
at 20:05; q idea $S add "Andean climate adaptation programme for high-altitude municipalities" --kind programme --area I1 --by P2
at 20:08; q idea $S add "Andean agrobiodiversity and seed-exchange programme" --kind programme --area I2 --by P5
at 20:11; q idea $S add "Potato park network: community seed banks in five valleys" --kind project --area I2 --by P5
at 20:14; q timer $S pause
at 20:19; q timer $S resume
at 20:20; q idea $S add "Early-warning pilot for glacier lakes in the Cordillera Blanca" --kind project --area I6 --by P3
at 20:23; q idea $S add "Label of origin for Andean mountain products" --kind project --area I7 --by P7
at 20:26; q idea $S add "Model mountain law for Andean parliaments" --kind project --area I5 --by P1
at 20:28; q idea $S add "Ask CAN (Andean Community) to host the initiative's secretariat for one year" --kind note --by P9
at 20:30; q timer $S extend -3
at 20:33; q timer $S next
at 20:34; q role $S assign lead P1
q role $S assign co-lead "Luis Alberto Paredes"
at 20:35; q role $S assign "focal point" CONDESAN
q role $S assign rapporteur P4
q role $S assign timekeeper P8
at 20:38; q action $S add "Circulate the draft programme on climate adaptation to national focal points" --owner P2 --due 2027-02 --for I9
at 20:41; q action $S add "Map existing community seed banks and their needs" --owner "Sofía Mendoza" --due 2027-05-31 --for I11
at 20:44; q action $S add "Prepare a proposal for the glacier-lake early-warning pilot" --owner P3 --due 2027-04 --for I12
at 20:47; q action $S add "Compile mountain legislation of the seven Andean countries" --owner P1 --due 2027-07 --for I14
at 20:50; q action $S add "Write to the Andean Community about the secretariat" --owner P9 --due 2027-01-15
at 20:54; q timer $S next
at 20:56; q idea $S add "Priorities I1, I7 and I2 go to plenary; observers also favoured tourism and disaster risk" --kind note --by P4
at 21:03; q timer $S next
at 21:04; q close $S

# ---------------------------------------------------------------------------------------------
# The next meeting of the Watershed management initiative: planned, not started.
DAY=2026-11-29
S=$FOLLOWUP; expected=$S
at 14:10; new "Watershed management: follow-up on the workplan" --initiative "Watershed management" \
    --facilitator "Rajesh Shrestha" --rapporteur "Lucía Fernández" \
    --agenda "Review of open actions:15,Progress on the priority areas:20,Next steps and dates:10"
q participant $S add "María Quispe Mamani" --org CONDESAN --group ngo --country Peru
q participant $S add "José Gutiérrez" --org "Ministerio del Ambiente" --group government --country Peru
q participant $S add "Lucía Fernández" --org FAO --group intergovernmental --country Italy
q participant $S add "Rajesh Shrestha" --org ICIMOD --group intergovernmental --country Nepal
at 14:12; q idea $S add "Review of the concept note on community water committees" --kind note --by P1

# Each closed breakout's page beside its report: what the secretariat circulates.
for id in $WATERSHED $ANDES; do
    q export $id --format html --output "$DIR/$id.html"
done

"$QUIPU" --dir "$DIR" list
