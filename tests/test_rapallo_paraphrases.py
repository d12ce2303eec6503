"""The Rapallo rubric on paraphrases written apart from the dev essays: one claim each."""

from __future__ import annotations

import pytest

from .conftest import awarded, detected

CASES = [
 ("K1", True, "The agreement was made in 1922, at a conference in Genoa, not long after the First World War."),
 ("K1", True, "In 1922, while the Genoa Conference was going on, the two countries met at Rapallo."),
 ("K1", False, "The treaty was signed in Italy a long time ago."),
 ("K2", True, "Nobody in Europe would talk to either Germany or Russia, so the two outcasts recognised each other."),
 ("K2", True, "Both countries were treated as pariahs and wanted to escape their isolation."),
 ("K2", True, "The treaty restored diplomatic relations between two countries that had been frozen out of Europe."),
 ("K2", False, "Germany and Russia were not isolated at all."),
 ("K3", True, "Germany was crippled by the reparations demanded at Versailles and its economy was collapsing."),
 ("K3", True, "The Treaty of Versailles forced Germany to pay enormous reparations, which caused hyperinflation."),
 ("K3", False, "Versailles was signed in 1919."),
 ("K4", True, "Capitalist governments feared communism and refused to have anything to do with Lenin's Russia."),
 ("K4", True, "The West was scared of the Bolshevik revolution spreading, so it shunned Soviet Russia."),
 ("K5", True, "Germany wanted access to Russian raw materials such as oil and grain."),
 ("K5", True, "German businesses hoped to find new markets for their exports in Russia."),
 ("K5", False, "Trade was not a reason for the treaty."),
 ("K5", False, "Germany did not want Russian raw materials."),
 ("K6", True, "The Soviets needed German technology and engineers to modernise their industry."),
 ("K6", True, "Russia hoped German investment would help rebuild its shattered factories."),
 ("K7", True, "The German army used Russian bases to secretly train with tanks and planes that Versailles had banned."),
 ("K7", True, "Germany got around the disarmament terms of Versailles by testing weapons in secret in the Soviet Union."),
 ("K7", False, "Germany had an army."),
 ("K8", True, "The Soviets wanted to use Germany as a counterweight against Britain and France."),
 ("K8", True, "Moscow hoped a friendship with Germany would split the capitalist powers so they could not unite against Russia."),
 ("K8", False, "Britain and France were on the winning side in the war."),
 ("K9", True, "Both countries hated the Versailles settlement and wanted to overturn it."),
 ("K9", True, "Germany and Russia both rejected the post-war order created by the Western powers."),
 ("K9", False, "The Treaty of Versailles was signed in 1919 and created the League of Nations."),
 ("M1", True, "Hitler signed the Treaty of Rapallo with Stalin."),
 ("M1", True, "The Treaty of Rapallo was signed in 1939."),
 ("M1", False, "Hitler later ignored the spirit of Rapallo when he invaded Russia in 1941."),
 ("M2", True, "In the treaty Germany and Russia agreed to divide Poland between them."),
 ("M2", False, "Rapallo did not divide Poland; that was the Nazi-Soviet Pact."),
 ("M3", True, "Rapallo was a military alliance in which each side promised to defend the other."),
 ("M3", False, "Rapallo was not a military alliance."),
 ("M4", True, "The Treaty of Rapallo ended the First World War between Russia and Germany."),
 ("M4", False, "The First World War ended in 1918 and the treaty came four years later."),
 ("K1", False, "The treaty was signed on 16 April 1922 at Rapallo in Italy."),
 ("K1", True, "Signed in 1922, the treaty came only four years after the end of the First World War."),
 ("K2", True, "After the war, the two nations were international outcasts; by signing they gained a partner and recognition."),
 ("K2", True, "Diplomatic isolation pushed Berlin and Moscow together."),
 ("K3", True, "Hyperinflation and the burden of reparations left the Weimar Republic weak."),
 ("K4", True, "Lenin's Bolshevik government was feared by the capitalist West."),
 ("K4", False, "Russia became communist in 1917."),
 ("K5", True, "The treaty let German companies buy Soviet oil and timber."),
 ("K6", True, "Soviet Russia lacked modern industry and looked to German expertise."),
 ("K7", True, "Secret clauses allowed the Reichswehr to build up forces in Russia, evading the Allied control commission."),
 ("K7", True, "Because Versailles limited the German army to 100,000 men, German officers went to Russia to train with forbidden weapons."),
 ("K8", True, "Moscow wanted to prevent a united capitalist front against it."),
 ("K8", True, "Stalin and Lenin saw Germany as a counterbalance to France."),
 ("K9", True, "Both powers resented the peace settlement imposed by the victors and wanted to revise it."),
 ("K9", False, "Germany signed the Treaty of Versailles in 1919."),
 ("M1", True, "Rapallo was a deal between Nazi Germany and the USSR."),
 ("M3", True, "The treaty made Germany and Russia allies who would fight for each other in a war."),
 ("M4", True, "Rapallo took Russia out of the war in 1918."),
 ("K2", False, "The treaty was signed between two countries."),
 ("K5", False, "The Soviets needed German machines."),
 ("K6", False, "Germany needed Russian oil."),
 ("K3", False, "Germany wanted Russian raw materials for its industry."),
 ("K7", False, "Germany lost the war and its army was defeated."),
]


@pytest.mark.parametrize("criterion, expected, text", CASES)
def test_paraphrase_is_marked_like_a_teacher_would(grader, criterion, expected, text):
    report = grader.grade(text)
    assert (criterion in awarded(report) | detected(report)) is expected
