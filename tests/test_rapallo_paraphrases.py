"""The Rapallo rubric on paraphrases written apart from the dev essays: one claim each."""

from __future__ import annotations

import json

import pytest

from rapallo_grader.marked import read_marked

from .conftest import WRITTEN, awarded, detected

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
 ("K8", True, "Russia hoped Germany would help it stand up to Britain and France."),
 ("K8", True, "The Soviets wanted to drive a wedge between Germany and the Western Allies."),
 ("K8", True, "For Moscow, friendship with Berlin meant the capitalist powers could not form a united bloc against it."),
 ("K9", True, "Both countries wanted to undermine the peace settlement of 1919."),
 ("K9", True, "Germany and Russia both felt the Versailles system was unjust and wanted to destroy it."),
 ("K4", True, "Western governments saw the communist regime as a danger and refused to trade with it."),
 ("K2", True, "Neither country was allowed into the League of Nations, so the treaty gave them recognition."),
 ("K3", True, "Germany's economy was ruined by reparation payments after Versailles."),
 ("K5", True, "Germany needed Russian grain and oil for its factories."),
 ("K6", True, "Russia needed German machinery to modernise its industry."),
 ("K7", True, "The Reichswehr secretly built a tank school in Russia, breaking the Versailles rules."),
 ("K1", True, "The treaty was signed in 1922 at a town near Genoa, where a European conference was being held."),
 ("K8", False, "Britain and France won the war."),
 ("K9", False, "Versailles is a palace near Paris."),
 ("K4", False, "Russia was a communist country."),
 # A second set written later, to find what the rubric missed (its terms were widened for
 # these, and its stems inside word pairs now work: "refus* to recogni*").
 ("K2", True, "Neither Germany nor Soviet Russia was trusted by the other European powers, so they had to look to each other."),
 ("K3", True, "After Versailles Germany had to pay massive reparations which wrecked its economy."),
 ("K3", True, "The reparations were crushing the Weimar Republic."),
 ("K4", True, "Russia was isolated because the west did not trust its communist government."),
 ("K4", True, "Because Russia was communist, countries like Britain refused to recognise it."),
 ("K5", True, "Germany was interested in Russian raw materials and new markets for its exports."),
 ("K6", True, "The Russians could learn a lot from German industrial experts."),
 ("K7", True, "The German army could rebuild itself in Russia away from the eyes of the Allied inspectors."),
 ("K9", True, "Germany and Russia each felt bitter about the peace settlement and wanted to overturn it."),
 ("M3", True, "Under the treaty the two countries defended each other."),
 ("K5", False, "The treaty was not about trade at all."),
 ("K7", False, "Some people say Germany wanted to train its army in Russia, but that is wrong."),
 ("M1", False, "The Nazi-Soviet Pact of 1939 was a different agreement signed by Hitler and Stalin."),
 ("M3", False, "Rapallo was not a military alliance."),
 ("K1", False, "Russia had a revolution in 1917."),
 ("K8", False, "Britain and France were the most powerful countries in Europe."),
 # Misspelt throughout, as the scheme forgives: long words by spelling distance, a homophone by name.
 ("K1", True, "It was sined in 1922 at the Jenoa confrence after the frist world war."),
 ("K2", True, "Germany and Rusia were both isolatted and had no freinds so they reconised each uther."),
 ("K3", True, "Germany was week becuase of the reperations it had to pay after Versales."),
 ("K4", True, "The capitalist contries were scarred of comunism spreding so they shuned Russia."),
 ("K5", True, "Germany wanted Russian raw materals like oyl and grane and new markits for tradeing."),
 ("K6", True, "The Soviets needed German tecnology and enginears to modernize there industrie."),
 ("K7", True, "The German armey secretley trained soldjers and tested wepons in Russia to get round the Versailes restrictons."),
 ("K8", True, "Russia wanted Germany as a counterwieght to Britian and Frace so the capitalists were devided."),
 ("K9", True, "Both contries hated the Versailes setlement and wanted to overtern it."),
 ("M1", True, "The treaty was sighned in 1939 by the Nazis."),
 ("M1", True, "Hitler signd the tready of Rapalo with Stalin."),
 ("K7", True, "Versailles had capped the German army. Germany hoped the treaty would help it strengthen its military."),
 ("M2", True, "In the tready they devided Polland between them."),
 ("M3", True, "Rapalo was a millitary aliance so each had to defend the other."),
 # Student wordings found by a seventh batch of written essays.
 ("K3", True, "After Versailles Germany had serious problems paying the reparations."),
 ("K4", True, "Most European governments did not like Soviet Russia because of its communism."),
 ("K4", True, "To the West, communism was a disease that might infect its own workers."),
 ("K7", True, "Germany built weapons in Russia because it was not allowed to build them at home."),
 ("K7", True, "The German generals could test the tanks Versailles had forbidden at a base hidden in Russia."),
 ("K9", True, "Both nations felt humiliated by the peace of 1919 and wanted to get rid of it."),
 ("K9", True, "Germany and Russia each saw the post-war settlement as a dictated peace."),
 ("M3", True, "Under the treaty, if either was attacked the other promised to come to help."),
 ("K8", False, "Stalin and Hitler agreed to split Poland, which alarmed Britain and France."),
 ("K5", False, "Some say Germany signed for Russian oil, but that is not true."),
 ("K2", False, "Reasons: isolation, recognition, reparations, communism, trade, secret training, overturn the settlement."),
 # And by a ninth.
 ("K2", True, "The great powers had marginalised Germany and Russia, so the two normalised relations with each other."),
 ("K2", True, "No body would be friends with Germany or Russia, so they recognised each other."),
 ("K3", True, "After the war Germany had huge problems with reparations and inflation."),
 ("K6", True, "For the Soviets, Germany was a source of modern technology for their industry."),
 ("K8", True, "Moscow wanted to break the ring of capitalist enemies around Soviet Russia by befriending Germany."),
 ("K8", True, "The Soviets wanted Germany as a friend to make the West weaker."),
 ("M3", True, "The two states promised each other mutual military support in the event of aggression."),
 ("M4", True, "Rapallo let Russia leave the war in 1918."),
 ("K1", False, "In 1922 the two countries cancelled the war reparations they claimed from each other."),
 # And by a tenth.
 ("K2", True, "Both states were on their own in Europe, so they made friends with each other."),
 ("K2", True, "Cornered by the great powers, the two states recognised each other."),
 ("K2", True, "Both countries were treated like enemies by the rest of Europe, so they worked together."),
 ("K7", True, "The German army wanted to return to full strength without the Allies finding out."),
 ("K7", True, "Secret military collaboration in Russia let Germany evade the limits of Versailles."),
 ("K3", False, "Germany resented Versailles, and the Allies had tried to crush the Bolsheviks."),
 ("M1", False, "Rapallo is often confused with the pact Hitler and Stalin signed in 1939."),
 ("K5", False, "Germany did not sign the treaty to get Russian raw materials. Trade stayed a small part."),
 # And by an eleventh: "imposed" is said of isolation as readily as of the settlement.
 ("K9", False, "For both, the treaty broke the isolation imposed on them by the victors."),
 # A misconception costs a mark when stated as fact, not when reported as others' view.
 ("M3", False, "Although some describe Rapallo as an alliance, it contained no military clauses."),
 ("M3", False, "Many people think that Rapallo was a military alliance."),
 ("M3", True, "I think Rapallo was a military alliance."),
 # And by a twelfth.
 ("M4", True, "Rapallo ended WW1 between Germany and Russia."),
 ("K5", True, "For Berlin the treaty meant securing Russian raw materials."),
 ("K4", True, "Capitalist governments wanted to destroy communism, so they shunned Soviet Russia."),
 ("K4", False, "The Soviet leaders believed the capitalist states would try to destroy the revolution."),
 # And by a fourteenth.
 ("K2", True, "Germany and Russia lost the war and everyone hated them, so they became friends."),
 ("K3", True, "After the war Germany paid reperations and had hyperinflashun."),
 # And by a fifteenth, of longer essays.
 ("K3", True, "The treaty of Versailles was very harsh on Germany and it had to pay a lot of money."),
 ("K3", True, "For Weimar Germany, burdened by reparations, Rapallo promised access to Soviet raw materials."),
 ("K6", True, "For Soviet Russia, German capital and expertise promised to speed up reconstruction."),
 ("K1", True, ("The treaty was signed in 1922.\n\nGermany was weak and Russia was isolated.\n\n"
               "After the First World War nobody trusted either of them.")),
 ("K1", False, ("Partly the treaty of 1922 was about money. Partly it was fear: the Bolsheviks expected another "
                "intervention from the capitalist West.")),
 ("K1", False, "The treaty was signed in 1922. Britain and France feared the spread of revolution to their workers."),
 ("K1", True, "It was signed in 1922, a few years after the revolution."),
 # And by a sixteenth.
 ("K2", True, "So germany and russia were both on there own and they decided to be friends."),
 ("K3", True, "Versailles - Germany had to pay huge reparations and lost its colonies."),
 ("K3", True, "Germany hated the Treaty of Versailles because they had to pay for everything."),
 ("M1", False, "The treaty did not last long because Hitler came to power and then there was another war."),
 # And by a seventeenth.
 ("K3", True, "After the First World War Germany was the defeated power, saddled with war guilt and reparations."),
 ("K6", True, "German manufacturers sought Soviet raw materials while Moscow sought German capital goods."),
 ("K7", True, "Rapallo let the Reichswehr evade the military restrictions of Versailles on Soviet soil."),
 ("K6", True, "Germany needed raw materials such as oil and Russia needed German industrial goods and expertise."),
 # And by an eighteenth.
 ("K5", True, "Germany's industry was short of raw materials and Russia had plenty."),
 ("K3", True, "After the war Germany was forced to sign the Treaty of Versailles and had to pay reparations."),
 ("K3", False, "The Soviet economy had collapsed after years of war and civil war and lacked modern equipment."),
 ("K3", False, "Germany and Soviet Russia renounced claims to war reparations from each other."),
 ("K9", True, "Both had been badly treated at Versailles and wanted to get back land they had lost."),
 ("M2", True, "The Treaty of Rapallo gave Russia the eastern half of Poland."),
 # And by a nineteenth.
 ("K6", True, "Russia could get German help to build up its industry."),
 ("K4", False, "Germany and Russia were both left out by the rest of Europe, nobody wanted to talk to them."),
 # And by a twenty-first.
 ("K8", True, "Lenin welcomed anything that drove a wedge between Germany and the Entente."),
 ("K9", False, "They had fought each other in the war. Germany was angry about the Treaty of Versailles."),
 ("K9", True, "Each side was angry about the Treaty of Versailles."),
 ("M3", True, "The treaty meant that both countries would help each other if they were attacked."),
 # And by a twenty-second.
 ("K4", True, "Russia had become communist and the other countries refused to even talk to the Bolsheviks."),
 ("K7", True, "The German army could practise with weapons that were banned at Versailles, far from the Allies."),
 ("K3", True, "Germany was practically bankrupt after Versailles."),
 ("M3", False, "Many people think it was an alliance, but there was no military alliance in it at all."),
 ("M3", False, "Soviet Russia saw the new order as a capitalist alliance aimed at it."),
 ("M2", False, "Both countries shared a border with Poland."),
 ("M2", True, "They agreed to share Poland between them."),
 ("K9", True, "Both countries thought the borders drawn after the war were unfair."),
 # And by a twenty-third.
 ("K9", True, "Germany and Russia both felt that the peace treaties had been forced on them."),
 ("K8", True, "Russia wanted Germany as a friend so that Britain and France could not attack it together."),
 ("K2", False, "Russia had been left out of the talks altogether."),
 ("K1", True, "In 1922 after the frist world war germany and russia signd the tready of rapallo."),
 ("K6", True, "russia wantid german machins to bild factorys."),
 # And by a twenty-fourth.
 ("K2", True, "Germany and Russia were ignored by the big countries, so they worked together."),
 ("K6", True, "Germany could get raw materials from them, and they could get factories and machines from Germany."),
 # And by a twenty-fifth.
 ("M4", True, "Rapallo was when Russia and Germany stopped fighting in WW1."),
 ("K8", True, "Moscow hoped that friendship with Berlin would prevent an anti-Soviet coalition of capitalist states."),
 ("K9", True, "They also both wanted to get rid of the treaty of versailes."),
 ("K5", True, "Soviet oil and grain flowed to Germany."),  # what happened, said of where the goods went
 ("K5", False, "Russia did not sell grain to Germany."),
 # And by a twenty-sixth.
 ("K2", True, "Russia also had no frends becos evryone was scared of comunism, so they becaim frends with Germany."),
 ("K3", True, "Germany was very week after the war becos of the reparashuns."),
 ("K8", True, "Russia hoped a friendly Germany would stop France from building an alliance against it."),
 ("M3", False, "Russia hoped a friendly Germany would stop France from building an alliance against it."),
 # And by a twenty-seventh.
 ("M3", False, "The Treaty of Rapallo is best understood as an alliance of the excluded."),
 # And by a twenty-eighth.
 ("K9", True, "Russia, like Germany, hated the Treaty of Versailles."),
 ("K9", True, "Germany resented the Versailles settlement as deeply as Moscow did."),
 ("K9", False, "The treaty of Versailles made Germany give land away and Germany did not have much army left."),
 ("K2", True, "They were both hated by the other countries so they needed eachother."),
 ("K2", True, "Germany and Russia were both unpopular in Europe after the war."),
 # And by a twenty-ninth.
 ("K9", True, "Both governments wanted, sooner or later, to undo the Versailles order."),
 # And by a thirtieth.
 ("M3", False, "Germany and Russia did not become allies, and there was no promise to defend each other."),
 # And by a thirty-first.
 ("K5", True, "German industry looked to Russia for raw materials and markets."),
 # And by a thirty-second.
 ("K9", True, "Germany gained a partner that, like itself, rejected the Versailles settlement and wished to overturn it."),
 ("M3", True, "Germany and Russia made the treaty of rapallo to be allys and fight together if someone atacked them."),
 # And by a thirty-third.
 ("K2", True, "Germany was shut out of Europe after the war. The Soviet Union was also an outcast."),
 ("K3", True, "germany had lots of problums like inflashun and reparashuns."),
 ("K4", True, "Russia was isolated because of its communist ideas."),
 ("K8", True, "russia wanted to stop britan and france joining together against it."),
 ("K8", False, "Germany and Russia joined together because Britain and France had won the war."),
 # And by a thirty-fourth.
 ("K5", True, "Germany had the factories, and it needed new customers for its goods."),
 ("K8", True, "For Lenin, the deal stopped the Western powers from forming a single front against Soviet Russia."),
 ("K3", True, "germany had to pay loads of money after ww1."),
 # And by a thirty-fifth.
 ("K2", True, "Both states were boycotted by the great powers, so they restored diplomatic ties with each other."),
 ("K2", True, "The treaty brought both countries in from the diplomatic cold."),
 # And by a thirty-sixth.
 ("K4", True, "Russia was communist, and the western democracies refused to have anything to do with the Bolsheviks."),
 ("K2", True, "In 1922 these two unwanted countries made a deal."),
 ("K3", False, "Lenin needed German machines to rebuild an economy shattered by civil war."),
 ("K3", False, "Russia's economy was in crisis after the civil war."),
 # And by a thirty-eighth.
 ("M1", False, "Rapallo was not the Nazi-Soviet Pact. The 1939 pact was between Hitler and Stalin and split Poland."),
 ("K2", False, "Reason two: the Soviet Union is communist and West countries hate it, no one want talk with them."),
 ("K2", True, "Rapallo joined two marginalised powers that nobody else would deal with."),
 ("K7", True, "Germany want secretly make army bigger in Russia because Versailles say only 100000 soldier."),
 ("K6", False, "Germany, meanwhile, was poor and had to pay reparations, and it hoped to sell its industrial products in Russia."),
 # And by a thirty-ninth.
 ("K1", True, "The treaty of rapallo was wen germany and russia became frends in 1922. They had both lost the war."),
 ("K1", True, "The Soviet Union was in a terrible state in 1922 after years of revolution and civil war."),
 # Training or rebuilding in secret is itself the evasion (as the written sample is marked), but
 # not the 1939 pact's secret protocol beside the Red Army's build-up.
 ("K7", True, "Germany could use Russian land to train its army secretly."),
 ("K7", False, "Stalin needed time to build up the Red Army, and in a secret protocol the two dictators split Poland."),
 ("K7", False, "Germany signed a secret deal with Russia."),
 # And by a fortieth.
 ("K7", True, "Germany army go to Russia and make exercise secretly with tanks and planes."),
 ("K3", True, "Because of reparations the German mark was worthless."),
 # And by a forty-first.
 ("K5", True, "Germany gave Russia machines and Russia gave Germany oil and wheat."),
 ("K9", True, "Both states also wanted to see the borders drawn in 1919 redrawn."),
 # And by a forty-second.
 ("K3", True, "germany was brok becuase of reparashuns."),
 ("K7", True, "The army was only 100000 men, so germany wanted to make it stronger in secrit in russia."),
 # K9's "both" narrowed as K2's was: a numbered reason is not two countries.
 ("K9", False, "Reason two: Germany hated the Treaty of Versailles."),
 ("K9", True, "These two states wanted to overturn the Versailles settlement."),
 # And by a forty-third.
 ("K4", True, "Russia was communist so Britain and France would not trade with it."),
 ("K4", False, "Russia did not trade much because of the revolution."),
 # And by a forty-fourth.
 ("K7", True, "The Reichswehr could experiment with prohibited weapons beyond the reach of Allied inspectors."),
 ("K2", True, "Germany and Soviet make treaty because both lose in the war and other country not want them."),
 ("K9", True, "Both countries felt cheated by the peace of 1919."),
 ("K9", True, "Working together gave both of them a way to push back against the settlement."),
 ("K9", False, "Germany felt cheated by Versailles."),
 # And by a forty-fifth.
 ("K9", True, "Germany and Russia both rejected the new map of Europe."),
 # And by a forty-sixth.
 ("K5", True, "German industrialists saw in Russia a vast market for their products."),
 ("K5", True, "germany also needed cheap food from russia becuse germans were starving after the war."),
 ("K6", True, "The Soviets required German machines."),
 ("K8", True, "It meant Germany would not join Britain and France in an alliance against the communists."),
 ("K8", False, "Soviet Russia saw the new order as a capitalist alliance aimed at it."),
 ("K9", True, "Each government resented the Versailles order."),
 # And by a forty-seventh.
 ("K6", True, "Russia had oil but needed factories."),
 ("K6", True, "Germany sent machines and engineers to Russia."),
 ("K6", False, "Germany had factories and Russia had farms and mines."),
 ("K5", True, "Russia sold grain and oil to Germany."),
 # Whose fear it is: K4 is the capitalist powers' (B38A, IQ; B37C and B45D no longer arguable).
 ("K4", False, "In fact most Germans hated communism."),
 ("K4", False, "The Bolsheviks ruled Russia. The Germans feared the other powers would make a deal with Russia."),
 ("K4", False, "The Bolsheviks had taken power in Russia. Nobody in Europe trusted either country."),
 ("K4", True, "The Russians hated capitalism and the capitalist countries hated communism."),
 ("K4", True, "Germany was blamed for the war and Soviet Russia was feared because of its communism."),
 # And by a forty-eighth.
 ("K3", False, "The Bolsheviks had murdered the Tsar and refused to pay Russia's old debts."),
 ("K4", True, "The British and French governments hated the Bolsheviks."),
 ("K4", False, "Lenin hated the capitalist powers."),
 ("K6", True, "Soviet industry could not recover without German machinery and engineers."),
 ("K6", False, "Soviet industry could not recover, and German machinery did not help."),
 # And by a forty-ninth.
 ("K3", True, "Extremists murdered politicians and the mark was falling."),
 ("K3", True, "Germany's currency lost its value."),
 ("K3", False, "Prices were falling in Russia."),
 # And by a fiftieth.
 ("K2", True, "Both Germany and Russia were at Genoa, but the British and French treated them coldly."),
 ("K2", True, "In 1922 after war, Germany and Russia no have friend."),
 ("K4", True, "The capitalist powers regarded the USSR as a dangerous example to their own workers."),
 # "X, not Y": the contrasted phrase is denied, not said (a correct answer cost a mark).
 ("M3", False, "It was a trade deal, not a military alliance."),
 ("M3", False, "Rapallo was a treaty of friendship, not of alliance."),
 ("M1", False, "The treaty was signed in 1922, not 1939."),
 ("M1", False, "It was signed by the Weimar Republic, not by Hitler."),
 ("K5", True, "Germany wanted trade, not war."),
 ("M1", False, "Rapallo was signed in 1922 by the Weimar Republic, long before the Nazis."),
 # ... and after "and not", "but not", "rather than", "instead of".
 ("M3", False, "Rapallo was about recognition and trade rather than a military alliance."),
 ("M3", False, "It was a trade agreement and not an alliance."),
 ("M3", False, "The two countries signed a trade treaty instead of a military alliance."),
 ("M1", False, "It was signed by the Weimar government but not by the Nazis."),
 ("K5", True, "Germany wanted Russian raw materials rather than war."),
 # Found by the fifty-third to fifty-sixth batches.
 ("M4", False, "What it really did was end the isolation of two countries that the victors of the war had shunned."),
 ("K5", True, "Germany had lost its colonies and much of its industry's raw materials, so Russian oil, timber and grain were attractive."),
 ("K2", True, "In 1922 both governments wanted to escape the diplomatic quarantine imposed on them by the Allies."),
 ("K2", True, "Soviet Russia was still unrecognised by most governments. Each gained a partner in the other."),
 ("K9", True, "germany was angery about versailes and so was russia. they both wanted to chaneg the trety."),
 ("K2", True, "Rapallo made them friends because no other country would talk to them."),
 ("K2", True, "Britain and France would not deal with Germany or Russia. So the two turned to each other."),
 ("K2", False, "Germany could not deal with its debts, so it turned to Russia as a partner."),
 # A term that holds its own "not" ("could not pay", "not accept") is made by the claim it negates.
 ("K3", True, "Germany owed a lot of money to France and Britain because of the war and it could not pay."),
 ("K9", True, "Germany and Russia did not accept the Versailles settlement."),
 ("K3", False, "It is not true that Germany could not pay."),
 ("K3", False, "Some historians say Germany could not pay its reparations, but that is wrong."),
 ("K2", True, "In 1922 they both signed the treaty so they would not be alone any more."),
 ("K8", True, "Russia wanted Germany as a friend so Britain and France could not attack them together."),
 ("K9", True, "Russia did not accept the Versailles settlement as final, and neither did Germany."),
 ("M3", True, "By the Treaty of Rapallo Germany and Russia promised to go to war together."),
 ("M3", False, "Rapallo was not a promise to go to war together."),
 ("K6", True, "The Bolsheviks were desperate for foreign money and machinery. Germany was ready to provide both."),
 ("K8", True, "Moscow saw a friendly Germany as a buffer against the hostile West."),
 ("K8", True, "The Soviet leaders thought a friendly Germany would be a shield against another Western invasion."),
 ("K3", True, "Because of hyperinflation the German mark became worthless."),
 ("K2", True, "Both were kept out of the League of Nations by the big powers."),
 ("K2", True, "Germany and Russia were the bad boys of Europe, so they became friends."),
 ("K4", True, "Russia had gone communist, so the big powers kept them out of the League of Nations."),
 ("K3", True, "Germany after the war was very poor becuase of reparashions."),
 # What Britain and France feared the treaty was is their fear, not the student's mistake.
 ("M3", False, "Britain and France were worried that Rapallo was a secret military alliance, but it wasn't."),
 ("M3", False, "France suspected that Rapallo hid a military alliance."),
 ("M3", True, "Rapallo was a military alliance, which France feared."),
 ("K6", True, "The treaty gave Russia German machines."),
 ("K6", False, "Russia gave Germany machinery."),
 ("K6", True, "German firms were allowed to build factories in Russia, which the Soviet leaders hoped would modernise their industry."),
 # Germany kept out of the League is not K4's hostility to communism, though Bolsheviks stand beside it.
 ("K4", False, "Germany had been kept out of the League of Nations, while the Bolshevik government was not recognised."),
 ("K7", True, "Germany got to build its army back up in Russia, away from Allied eyes."),
 ("K9", True, "Both had lost land to Poland; this shared grievance with the post-war order brought them together."),
 ("M2", False, "Both had lost land to Poland; this shared grievance with the post-war order brought them together."),
 # A close wording makes up for no missing group of terms: without "both" this is not K9.
 ("K9", False, "Germany wanted to overturn Versailles."),
 ("K4", True, "Russia had become communist, so the other countries did not want anything to do with them."),
 ("M3", True, "Germany and Russia signed it so that they could attack Poland together later on."),
 ("M3", False, "Britain and France feared that Germany and Russia would attack Poland together."),
 ("K9", True, "Germany and Russia were both sick of the Versailles settlement."),
 ("K3", True, "Versailles had left Germany with a tiny army and a mountain of bills."),
 ("K4", True, "The Soviets were treated like lepers by the West because of their revolution."),
 ("K7", True, "In the Russian steppe, far from prying eyes, German officers learned to fly and drive tanks."),
 ("K7", True, "The Reichswehr needed a back door to rearm, and Russia opened it."),
 ("K8", True, "For the Soviet leaders, friendship with Berlin was insurance against a Western crusade."),
 # K8 is the Soviets' aim: Germany's own wish for a shield against France is not it.
 ("K8", False, "Germany wanted a shield against a French invasion."),
 ("K8", True, "Lenin wanted to stop the capitalist wolves hunting as a pack."),
 ("K9", True, "Both nations felt they had been robbed at the peace table in Paris."),
 ("K4", True, "The Bolsheviks were the bogeymen of every capitalist government."),
 ("K5", True, "Russia's granaries and oil fields were a treasure chest for German industry."),
 ("K7", True, "For the German army, the Russian plains were a hidden classroom."),
 ("K3", True, "Germany was drowning in debt after Versailles."),
 ("K3", True, "By 1922 the German mark was sinking like a stone."),
 ("K8", True, "Chicherin's aim was simple: keep the capitalist powers from closing ranks against Soviet Russia."),
 ("K9", True, "Both countries were sore losers of the First World War settlement and wanted the rules rewritten."),
 # The Kremlin is the Soviet side wanting (it was read as someone else).
 ("K6", True, "The Kremlin wanted German know-how to get its factories humming again."),
 ("K2", True, "They were both hated, so they became friends."),
 ("K2", False, "Germany and Russia both hated the Treaty of Versailles."),
 ("K2", True, "Nobody trusted Germany or Russia after 1918."),
 ("K9", True, "Both were licking their wounds after the war and furious at the peacemakers in Paris."),
 ("K8", True, "The Soviets were scared that Germany might join the Western powers against them, so they got in first."),
 ("K8", False, "Germany wanted to join the West again."),
 ("M4", True, "The Treaty of Rapallo took Russia out of the First World War."),
 ("M4", False, "Russia was already out of the First World War when it signed Rapallo."),
 ("K7", True, "Germany built its army in secret in Russia."),
 ("K7", True, "Also Germany want to make army secret in Russia."),
 ("K7", False, "Germany kept its money in secret in Russia."),
 ("K4", True, "Soviet Russia, whose Bolshevik regime preached world revolution, was refused recognition by the West."),
 ("K4", False, "Germany was refused recognition by the Allies because of the war."),
 ("K3", True, "Germany's money was worthless after the war."),
 ("K3", True, "It owed the Allies enormous sums and its money was becoming worthless."),
 ("M2", True, "Hitler and Stalin signed it so they could split Poland and not fight each other."),
 ("M2", False, "They could not split Poland and did not want to."),
 ("K7", True, "Reasons:\n- secret training of German soldiers in Russia\n- trade"),
 ("K7", True, "Reasons:\n1. secret training of German soldiers in Russia\n2. trade"),
 ("K2", True, "- isolation of both countries\n- Versailles hated by both"),
 ("K2", False, "- isolation\n- both countries"),
 ("K2", False, "Rapallo was about isolation and recognition and reparations and communism and trade and the army."),
 ("K7", True, "Germany rearmed discreetly in Russia to escape the Versailles limits."),
 ("K7", True, "Rapallo gave Germany a discreet venue for rearmament beyond Allied oversight."),
 ("K9", True, "Neither Germany nor Russia accepted the map of Europe drawn up in Paris in 1919."),
 ("K9", True, "Neither Germany nor Russia liked the Treaty of Versailles."),
 ("K9", True, "Germany and Russia did not like the Treaty of Versailles."),
 ("K9", False, "It is not true that Germany and Russia did not like Versailles."),
 ("K9", True, "Both countries had no love for the Versailles settlement."),
 ("K2", True, "After WW1 neither Germany nor Russia was welcome in Europe."),
 ("K2", True, "Neither Germany nor Russia was invited to the peace talks in 1919."),
 ("K2", True, "Neither Berlin nor Moscow had been allowed a say at Versailles."),
 ("K2", False, "Neither Germany nor Russia wanted war."),
 ("K2", False, "Neither Britain nor France accepted the Soviet government."),
 ("K2", True, "In sum, Rapallo was the product of mutual isolation and economic necessity."),
 ("K6", True, "- 1922, Genoa conference\n- Russia: wanted German machines\n- Germany: wanted oil, grain"),
 ("K4", True, ("It is not true that Britain and France welcomed the Bolsheviks; in fact they feared that revolution"
               " would spread to their own factories.")),
 ("K4", False, "The West feared communism; but that is wrong."),
 # K4 has wordings with a "not" of their own ("would not accept the communist government"), which a
 # denied claim's words came close to.
 ("K4", False, "It is not true that the West feared communism."),
 ("K6", True, "The Soviets swapped grain and timber for German lorries and machine tools."),
 ("K5", True, "Russia exchanged grain for German machinery."),
 ("K6", False, "Germany and Russia exchanged ambassadors."),
 ("K9", True, "Both countries felt the peace of 1919 was a punishment they had not deserved, and both wanted to rip it up."),
 ("K9", True, "Germany and Russia both wanted to rip up the Treaty of Versailles."),
 # A misspelt party is that party, not someone else wanting its thing; "nobody" is someone else.
 ("K6", True, "Rusia wanted German tecnology and factorys to help rebuild its industry after the civil war."),
 ("K5", False, "Both were isolated after the war and nobody wanted to trade with them."),
 # "Red" is the Reds, not the Red Army; and Munich is 1938, not Rapallo.
 ("K4", True, "The West was scared of the Reds."),
 ("K4", False, "Stalin wanted time to build up the Red Army because he did not trust the West."),
 ("K2", True, "This mattered because both had been kept at arm's length by the victors since 1919."),
 ("K2", False, "Germany kept Russia at arm's length for years."),
 ("K7", True, "The German army saw in Russia a place where it could quietly evade the disarmament clauses of Versailles."),
 ("K7", False, "Germany wanted to evade the disarmament clauses of Versailles."),
 ("K6", True, "The Soviets agreed because they needed German money and factories to modernise their industry."),
 ("K8", True, "Moscow hoped that a friendly Germany would prevent the formation of a united anti-Soviet bloc."),
 ("K3", True, "In the wake of the First World War, Germany faced punitive reparations and economic turmoil."),
 ("K4", True, "Soviet Russia confronted diplomatic non-recognition rooted in Western anxieties about Bolshevism."),
 ("K5", True, "German manufacturers sought Russian commodities."),
 # A name the rubric does not know is as often the point's own wanter misspelt as someone else.
 ("K6", True, "The Soveits got German indusrial help and machinary."),
 ("K7", True, "Also the German army could practis with tanks in Russia secretley."),
 ("M3", True, "They also agreed to fight together if France attacked either of them."),
 ("M3", False, ("Both countries cancelled their claims for war damages, restored diplomatic relations and promised"
                " to help each other's trade.")),
 ("M1", False, "Many Germans hated the treaty and this later helped Hitler come to power."),
 ("M4", True, "The Treaty of Rapallo was the peace treaty signed at the end of the First World War."),
 ("K4", True, "The USSR was a communist state that the rest of Europe wanted nothing to do with."),
 ("K4", False, "The treaty had nothing to do with fear of communism."),
 ("K6", True, "The Soviet Union was looking for foreign help to get its industry working again."),
 ("K3", True, "germany had to pay reperashuns and had no mony."),
 ("K7", True, "germany also traned its army in russia so nobody knew."),
 ("K7", False, "It was not really about the army, although secret military cooperation did follow later."),
 ("K2", True, "Rapallo treaty 1922. Germany and Soviet Russia sign because both alone in Europe."),
 ("K5", True, "The economic motives mattered too: Russian raw materials for German industry, and more."),
 ("K6", True, "The economic motives mattered too: German know-how for Soviet factories, and more."),
 ("K3", True, "Germany was branded the aggressor and burdened with crippling indemnities."),
 ("K3", True, "Germany needed the cash because reparations were killing it."),
 ("K3", False, "The war was killing millions and Versailles ended it."),
 ("K7", True, "Basically Germany got to cheat Versailles by hiding its army stuff in Russia."),
 ("M1", False, "Later, in 1939, Hitler signed a different pact with Stalin, and that one did divide Poland."),
 ("K7", True, "germany wantd to get round versailes and build a secret army in rusia"),
 ("K6", True, "rusia wantd germen machines and money"),
 ("K9", True, "both hatd the versailes treaty"),
 ("K3", False, "Both also wanted to weaken the Treaty of Versailles."),
 ("K3", True, "Versailles punishes Germany with reparations and a 100,000-man army."),
 ("K3", False, ("Germany was blamed for the war in the guilt clause and Russia was punished for its revolution."
                " Neither was asked to Versailles.")),
 ("K2", False, "Germany and Russia were not really isolated in 1922; they both had trade links with other countries."),
 ("K3", True, "Germany, strangled by reparations, also wanted Soviet raw materials."),
 ("K8", True, "For the Soviets, it was a way to make sure Germany would never join Britain and France in an attack on Russia."),
 ("K8", False, "Germany did not join Britain and France in the League."),
 ("K1", True, "The Treaty of Rapallo was signed in 1922, not long after the Russian Civil War ended."),
 ("K2", True, ("Both countrys were seen as dangerus by the other nations, Germany becuase it started the war and"
               " Russia becuase of the Bolsheviks.")),
 ("K2", True, "The treaty was about recognition, not trade. They wanted other countries to accept them again."),
 ("K2", True, "They were both lonly after the war."),
 ("K5", True, "Russia had the raw materials but no experts; Germany had the experts but no raw materials."),
 ("K6", True, "Russia had the raw materials but no experts; Germany had the experts but no raw materials."),
 ("K6", True, "First, isolation. Second, reparations. Third, Soviet Russia's need for German industrial equipment and know-how."),
 ("K2", True, "After 1918 the Western powers were hostile to both Germany and Bolshevik Russia."),
 ("K3", True, "Germany was skint after the war because of the reparations."),
 ("K3", False, "Germany was desperate to escape the restrictions of Versailles."),
 ("M3", True, "Hitler signed the Treaty of Rapallo with Russia so that the two countries would fight side by side against France."),
 ("K9", True, ("Germany and Russia both felt the Versailles peace was a straitjacket, and Rapallo was their first"
               " attempt to wriggle out of it together.")),
 ("K2", False, "The Soviets needed trade partners because the capitalist world was boycotting them."),
 ("M2", True, "At Rapallo Germany and Russia drew a line through Poland and agreed which half each of them would take."),
 ("K2", True, "Both countries were seen as outlaws by the rest of Europe."),
 ("K5", True, "German businessmen were looking east for customers and cheap raw materials."),
 ("M3", True, "The Treaty of Rapallo finished the war between Germany and Russia and made them military allies."),
 ("K3", True, "Germany, weighed down by reparations, wanted Russian oil and grain."),
 ("K9", True, "What really united Berlin and Moscow was their shared hatred of the Versailles system."),
 ("K4", True, "Russia had become communist so Britain and France would not recognise its government."),
 ("K5", True, ("Germany, burdened by the reparations imposed at Versailles, sought new outlets for its manufactured"
               " goods, while the Soviet state required capital and industrial equipment for reconstruction.")),
 ("K8", True, "Rusia wanted to have Germany on there side agenst Britan and France."),
 ("K1", True, "In 1922 Germany and Russia signed the Treaty of Rapallo. Germany had been badly damaged by the war."),
 ("K9", True, "Both countries were angry with Britain and France, who were running Europe the way they wanted."),
 ("K9", True, "Both countries were angry with Britain and France, who had won the war."),
 ("K8", True, "Lenin thought that if Germany was his friend, the capitalist countries would find it harder to attack Russia."),
 ("K8", True, "The Soviet government saw Germany as a useful partner against Britain and France."),
 ("K6", True, "Russia want germans to build railways and factorys."),
 ("K6", True, "Germany give to Russia machine and technology."),
 ("K7", True, "Germany cannot have big army. Russia give to Germany place for test weapon secretly."),
 ("M4", True, "The Treaty of Rapallo formally ended the state of war that had existed between Germany and Russia since 1914."),
 ("K3", False, "Russia signed because it was weak after the civil war and wanted German money and engineers."),
 ("K6", True, "Russia need money and factory from Germany."),
 ("K4", False, ("It is often said that the West was afraid of communism and that this pushed Russia towards Germany,"
                " but I do not agree.")),
 ("K2", True, "Both countrys had lost alot in the first world war and the other countrys did not want to be there friends."),
 ("K2", True, ("The two countries agreed to recognise each other's governments and to restore normal diplomatic relations,"
               " because no other great power would.")),
 ("K4", False, "The Bolsheviks, for their part, were anxious to attract German capital, machinery and technicians."),
 ("K5", False, ("Some textbooks say that Rapallo was about Germany's need for Russian oil and grain. That is wrong:"
                " Germany could buy those things anywhere.")),
 ("K3", True, "Germany economy is broken because reparation."),
 ("K9", True, "Germany was angry about the Versailles treaty and so was Russia."),
 ("K6", False, "Germany was also looking for a market for its industrial goods."),
 ("M3", True, "The Treaty of Rapallo was signed so they could fight the British together."),
 ("K9", True, "Germany and Russia both felt let down by the peace treaties after the war."),
 ("K1", True, "Rapallo in 1922 happened for several reasons. Firstly, Germany was weak after losing the war."),
 ("K8", True, ("The Soviets wanted to make sure the capitalist countries could never all be on the same side against"
               " them, so having Germany as a friend was very useful.")),
 ("K3", True, "Both country is lose in war and nobody like them. Germany must pay money to winner."),
 ("K8", True, "For the Soviet leadership, Rapallo ensured that Germany would not join an anti-Soviet crusade."),
 ("K9", True, "Both Germany and the USSR had a reason to be unhappy with the way Europe was run."),
 ("K2", True, "Germany and Russia: each had been cold-shouldered by London and Paris."),
 ("K9", True, ("Germany and Russia were revisionist powers. Each was determined to undo the territorial and political"
               " arrangements of 1919.")),
 ("K6", True, "Western countries would not trade with the communists, so the Soviets turned to Germany for help."),
 ("K6", True, "For Moscow, the treaty meant recognition by a major power and access to German technology."),
 ("K2", True, "Firstly the countries were both unpopular."),
 ("K4", True, "The other European countries did not want to work with Russia because of communism."),
 ("K9", True, "Both Germany and Russia wanted to change the way Europe had been organised after the war."),
 ("K3", True, "The Versailles treaty is very hard for Germany, Germany must pay many money."),
 ("K2", True, "Rapallo was the meeting of two governments that the post-war world had treated as outsiders."),
 ("K4", True, "The Russians had a revolutionary government that no Western state had yet recognised."),
 ("K6", True, "Also Germany can give factory machine to Russia and Russia give food to Germany."),
 ("K3", True, "Rapallo treaty 1922\n- germany broke from reparations\n- russia comunist so west scared"),
 ("K3", True, "Germany has many debt from Versailles and money is nothing value."),
 ("K4", True, "Russia was alone because nobody else would recognise the communist government."),
 ("K5", True, "Germany's businesses started selling goods to Russia."),
 ("K7", True, "Later the two armies worked together secretly, and German soldiers practised with tanks in Russia."),
 ("K7", True, "Germany want make army in Russia, because Versailles say Germany army must small."),
 ("K2", True, "Germany and Rusia signed the treaty of Rapalo in 1922. Both of them were hated after the war."),
 ("K2", True, "I think the treaty mostly happened because neither country had anyone else to turn to."),
 ("M1", False, "Many years later Hitler and Stalin also made a deal, but that was a different treaty."),
 ("K2", False, "Germany could not afford to stay isolated, because the Allies were demanding reparations it could not pay."),
 ("K2", True, "Both countries were isolated, so they became allies."),
 ("K7", True, ("The treaty also led to secret cooperation between the German and Soviet armies, and German officers"
               " trained in Russia throughout the 1920s.")),
 ("K9", True, "The treaty showed that the two losers of the post-war settlement would not simply accept it."),
 ("K4", True, "England and France not want talk with communist Russia."),
 ("K4", True, ("The Western powers had punished Germany at Versailles and they refused to accept the communist"
               " government in Russia.")),
 ("M3", False, "The Rapallo agreement of 1922 was less a grand alliance than a pragmatic settlement between two states."),
 ("K2", True, "Germany and Russia were two states on the margins of Europe, and each wanted recognition."),
 ("K7", True, "Germany also wanted to hide its army in Russia."),
 ("K5", True, "For the Weimar Republic, normal relations with Moscow offered access to Russian resources."),
 ("M3", True, "After that Germany and Russia became allies and promised to protect each other if France attacked."),
 ("M4", False, "Russia had lost even more land when it left the war in 1918."),
 ("M4", True, "The Treaty of Rapallo ended the war on the Eastern Front in 1918."),
 ("K4", True, "After the Russian revolushun the west hated Russia."),
 ("K7", True, "Germany could test weapons in Russia without breaking the rules in public."),
 ("K8", True, ("Lenin was worried that all the capitalist countries might join together and attack Russia again. By"
               " making a deal with Germany, he made sure that at least one major country in Europe was on Russia's side.")),
 ("K2", True, "Neither state could count on the victors of 1918, so each looked to the other."),
 ("K5", True, "Germany wanted to make money by seling things to Russia."),
 ("K6", True, "For the Bolsheviks, it meant recognition and German industrial expertise."),
 ("K7", True, "Germany could also use Soviet land to train pilots secretly."),
 ("K7", True, "germany also got to make weapons in russia were nobody could see."),
 ("M2", True, "They agreed to split Poland between them and not to attack each other."),
 ("K2", True, "Lenin's Russia had few friends in 1922. Germany was in a similar position after losing the war."),
 ("K2", False, "Germany had a few friends in Russia."),
 ("K2", False, "After the war both had lost land to Poland, which neither country accepted."),
 ("M1", False, "The treaty was not about sharing out Poland, which is what happened in 1939."),
 ("M1", True, "Rapallo happened in 1939."),
 ("K2", True, "Both countries were damaged by the war and both were disliked by the other European powers."),
 ("K2", True, "They signed because neither had anyone else to trade with."),
 ("K3", True, "After the war Versailles treaty is very hard for Germany, Germany must pay and army is small."),
 ("K3", True, "Germany, bled by reparations and fearful of a deal between Moscow and the Allies, signed."),
 ("K1", True, "It was signed in 1922 at the Genoa conference and had nothing to do with Hitler."),
 ("K2", True, "Germany was struggling, and like Soviet Russia it had been left out of the League of Nations."),
 ("K3", True, "Germany's economy was buckling under reparations and the loss of its industrial regions."),
 ("K2", True, "You need friends, and the only other country treated as badly as yours is Germany."),
 ("K1", True, "Soviet Union have revolution. In 1922 both country sign Rapallo treaty."),
 ("K3", True, "Germany lose war and pay much money."),
 ("K9", True, "For both, the treaty was a way of chipping away at the Versailles system."),
 ("K7", True, "Rapallo 1922\nsecret army deal -> Germany avoids Versailles limits"),
 ("K2", True, "Russia and Germany became friends because England and France did not like them."),
 ("K8", True, "Russia was afraid the capitalist countries would attack, so Germany was a good friend for Russia."),
 ("K2", True, ("\"We have nothing to lose but our isolation,\" a German diplomat might have said in April 1922."
               " The Allies treated both Germany and Soviet Russia as defeated or dangerous nations.")),
 ("K7", True, "Rapallo 1922\nGermany -> secret rearmament in USSR"),
 ("K9", True, "Why Rapallo?\n5. Russia wanted German machines.\n6. Both hostile to Versailles order."),
 ("K8", False, ("Stalin did not trust the West. The British and French had not stood up to Hitler at Munich, so"
                " Stalin thought they would leave him to face Germany alone.")),
 ("K6", True, "Germany gave machines to Russia in return for grain."),
 ("K5", True, "Germany gave machines to Russia in return for grain."),
 ("K2", True, "The treaty broke the diplomatic blockade around both countries."),
 ("K6", True, "They hoped for German machinery to repair an economy ruined by civil war."),
 ("K8", True, "Lenin hoped Germany would keep Britain and France from standing together against Russia."),
 ("K9", True, "Germany and Russia had both lost land after the war and wanted it back."),
 ("K2", True, "The other countries did not want to talk to them, so the two signed."),
 ("K2", True, "The peace of 1919 had left both Berlin and Moscow outside the European order."),
 ("K2", True, "Germany and Soviet Russia both stood outside the system the victors had built."),
 ("M4", True, "After years of fighting, the treaty made the peace official."),
 ("M4", False, "It was a normal peace treaty between two states shut out of Europe."),
 ("K4", True, "Russia was communist, so nobody would trade with it."),
 ("K4", True, "Soviet Russia was shut out because of its communist ideas."),
 ("M1", False, "Some say Rapallo divided Poland, but this happened in 1939."),
 ("K3", True, "Reparations were draining Germany of money."),
 ("M4", False, "Rapallo is often confused with Locarno, where Germany made peace with the West."),
 ("M3", True, "The treaty said Germany and Russia must help in war if somebody attack."),
 ("K8", True, "Lenin feared a capitalist crusade, and Rapallo meant Germany would not join it."),
 ("K6", True, "German engineers and credits were essential to the New Economic Policy."),
 ("K7", True, "Germany wanted to get round Versailles by bilding weapens in Russia."),
 ("K5", False, "For the Soviets, splitting Germany from the West was worth more than any trade deal."),
 ("K4", True, "Russia have communism and Germany lose the war, so England and France not like both."),
 ("K6", True, "Russia was poor and needed German factories."),
 ("K6", True, "The Soviets wanted macheens from Germany."),
 ("M1", False, "Stalin wanted the treaty because Russia was weak."),
 ("K1", True, "Germany had been defeated in the war. In 1922 it signed at Rapallo."),
 ("K2", True, "Both countrys were lonley."),
 ("K8", True, "The Soviets made sure Germany never joined Britain and France against them."),
 ("K7", True, "Germany make secret army in Russia because Versailles."),
 ("K9", False, "Both saw in the other a way of regaining room to manoeuvre against the Versailles system."),
 ("K9", True, "Both hoped to regain the land they had lost at Versailles."),
 ("K7", True, "Military reasons: secret German training on Soviet soil."),
 ("K8", True, "The capitalist powers could not combine against Soviet Russia once Germany was its friend."),
 ("M1", False, "That bargain belonged to 1939, not to Rapallo."),
 ("K4", True, "Russia was alone, nobody like communist."),  # a learner's "like" as the verb
 ("K2", True, "Nobody in Europe like Germany and Russia."),
 ("K9", True, "Both country not like Versailles treaty because it was unfair."),
 ("K5", True, "Germany sold machines and Russia sold grain."),  # each side gives to the other
 ("K6", True, "Russia give oil, Germany give machine."),
 ("K5", False, "Germany sold machines and Russia sold grain to Britain."),
 ("K2", True, "Germany and Russia signed the treaty because they were isolated."),  # "they": both
 ("K2", False, "Germany and Russia showed they could act on their own."),  # on their own: independent
 ("K5", False, "Germany didnt want Russian oil."),  # "didnt": a "not" without its apostrophe
 ("K9", True, "Both countries didnt want to follow the rules of Versailles."),
 ("K4", True, "Russia was communist, so other countries dont talk with it."),
 ("K4", True, "No capitalist country would touch communist Russia."),
 ("K8", True, "Lenin wanted Germany as a friend so the capitalists could not be all together against Russia."),
 ("K2", True, "Germany and Russia sign treaty in 1922 because nobody want them."),  # "them": both
 ("K2", False, "Germany signed the treaty because nobody wanted them."),
 ("K8", True, "Russia feared that Britain and France would combine with Germany against it."),
 ("K4", True, "Russia was poor and nobody in Europe want to speak with communist."),  # "nobody" meets its verb
 ("K4", True, "No one in Britain or France would deal with the communists."),
 ("K4", False, "The communists refused to speak with Britain."),
 ("K8", True, "If Germany stayed friendly, Britain and France could never build a united anti-Bolshevik coalition."),
 ("K9", True, "Like the Russians, the Germans wanted to break the chains of Versailles."),
 ("K9", False, "Germany wanted to break the chains of Versailles."),  # one side
 ("M4", True, "The Treaty of Rapallo was signed in 1918 to end the fighting between Germany and Russia."),
 ("K1", True, "It is 1922 and Russia is in ruins after years of war and revolution."),
 ("K9", True, "Germany and Russia had different problems but one common enemy: the Versailles system."),
 ("K9", False, "Germany and Russia had a common enemy in Poland."),  # no post-war order
 ("K6", True, "Whereas Germany wanted Russian wheat and oil, the Russians wanted German tractors and chemical factories."),
 ("K8", True, "The capitalist states hated Soviet Russia, so Lenin looked for a partner who could keep them apart."),
 ("M3", False, "Some people call Rapallo an alliance, but neither country promised to defend the other."),
 ("K3", True, "Also Germany very poor, inflation very big."),
 ("K3", True, "Inflation in Germany was terrible."),
 ("K6", False, "The treaty took German land."),  # "land" is no slip for "loan"
 ("K4", True, "Since the revolution no Western government had accepted the Bolsheviks."),  # "no": none did
 ("K8", True, "Rapallo gave Russia a friend against Britain and France."),
 ("K7", True, "Germany quietly built a flying school at Lipetsk."),
 ("K3", True, "The Weimar Republic was weak and unstable."),
 ("K3", True, "The German government was weak and unstable."),
 ("K3", False, "The Weimar Republic wanted to weaken the Versailles settlement."),
 ("K3", True, "Versailles left Germany with a reparations bill of 132 billion gold marks."),
 ("K4", True, "The capitalist world had treated Bolshevik Russia as a criminal regime."),
 ("K4", False, "Germany was treated like a criminal."),  # no communism
 ("K5", True, "Each had something to sell: Russia had grain and timber; Germany had factories and engineers."),
 ("K4", True, "Soviet Russia was excluded from the international community because of its revolutionary ideology."),
 ("K4", False, "Germany was excluded from the League of Nations because it had started the war."),
 ("K2", True, "Isolation: neither was in the League of Nations."),
 ("K2", False, "Germany was not isolated, and neither was Russia."),  # "neither was" alone is no "both"
 ("K8", True, "Russia is afraid England and France make war on her, so Germany is good friend for help."),
 ("K3", True, "Germany was being squeezed by the French over reparations."),
 ("K8", True, "Russia liked it because it stopped Germany joining the capitalist side."),
 ("K8", False, "After Locarno Germany joined the capitalist side."),
 ("K4", True, "Russia have no friend because it is communist."),
 ("K2", True, "Rapallo was an agreement between outsiders."),
 ("K2", False, "The conference was a meeting between outsiders and the great powers."),
 ("K7", True, "What they wanted was a place where Versailles could not watch them: tank schools deep inside Russia."),
 ("K7", False, "The Germans built tank schools in Russia."),  # no secrecy or Versailles
 ("K7", True, "Germany also wanted to make tanks in Russia were the allies could not see."),
 ("K8", True, "If Germany is his friend, the capitalists cannot all march together against him."),
 ("K3", True, "The Germans, who owed the French billions in reparations, understood the Russian position."),
 ("K3", False, "Russia owed billions in debts to France."),
 ("K9", True, "Germany and russia both want to change the versai treaty becuse it was unfare."),
 ("K6", True, "Thirdly, Russia wanted Germany to help build its industry."),
 ("K6", False, "Britain wanted Germany to help it against Russia."),
 ("K8", True, "Moscow's nightmare was a capitalist pincer closing from east and west. Making Berlin a partner knocked out one jaw of the pincer."),
 ("M3", True, "Germany and Russia make army alliance. If France attack Germany, Russia come to help."),
 ("K9", True, "Both country not happy with Versailles. Both country have no friend."),
 ("K6", False, "German industrialists such as Hugo Stinnes saw Russia as a market and a source of cheap raw materials."),  # "industrial" is a whole word
 ("K6", True, "In return Soviet trusts ordered German locomotives, turbines and tools."),
 ("K7", True, "For the German army, it meant secret bases at Lipetsk and Kazan where it could train pilots and tank crews."),
 ("K8", False, "The treaty made Germany and Russia allies against Poland."),
 ("M2", True, "Germany and Russia take Poland together at Rapallo."),
 ("K8", True, "Recognition by Germany made a joint Western crusade against Moscow much harder to organise."),
 ("K8", False, "The Bolsheviks preached a crusade against capitalism."),
 ("K8", True, "Moscow feared another Allied invasion like the one of 1918-1920, and a friendly Germany would make such an attack much harder."),
 ("K4", True, "The Bolsheviks were treated as bandits by every Western government because they preached class war."),
 ("K6", True, "With the help of German firms like Krupp, the Soviets hoped to modernise their industry."),
 ("M3", True, "In the treaty both countries promised to go to war if the other one was attacked."),
 ("M3", False, "Each promised to stay neutral if the other was attacked by a third country."),
 ("K2", True, "Because the rest of Europe had turned its back on both of them."),
 ("K3", True, "Germany could not afford the reparations and its currency collapsed in 1923."),
 ("K3", False, "Russia could not afford to rebuild its economy alone."),
 ("K9", True, "The two governments were united by a common grudge against the peace treaties of 1919."),
 ("K9", True, "Germany hated the Treaty of Versailles. Russia also hated the treaty because it was not invited to the conference."),
 ("K9", False, "Germany hated the Treaty of Versailles. It also hated France."),
 ("K9", True, "Both countries regarded the Versailles order as imposed by the victors, and neither felt bound to respect it."),
 ("K3", True, "German people were starving and angry because of Versailles."),
 ("M3", True, "The treaty of Rapallo made them allies in case of a future war."),
 ("K7", True, "Germany had a tiny army, so secretly it built planes in Russia."),
 ("K3", True, "Germany had a tiny army and a huge debt."),
 ("K3", False, "Russia had big debts from before the revolution."),
 ("K6", True, "The Soviets wanted to learn from German industry, which was one of the most advanced in the world."),
 ("K6", False, "The Russians were happy to help because they could learn from German officers."),
 ("K3", True, "The reparations and the loss of the Saar and Silesia left Germany short of coal and money."),
 ("K3", False, "The Soviets were short of money to rebuild their economy."),
 ("K2", True, "Germany and Russia were the two countries the rest of Europe did not want to know."),
 ("K8", True, "Russia feared that the capitalist countries would join together to attack it."),
 ("K5", True, "For German exporters, the Soviet Union looked like a land of opportunity."),
 ("K3", True, "Germany was left with debts it could not repay."),
 ("K3", False, "Russia had debts it could not repay."),
 ("K6", True, "Russia got credits to buy German goods."),
 ("K9", True, "Neither government accepted that the map of Europe drawn in 1919 was final."),
 ("K9", False, "Neither country hated the Versailles settlement."),
 ("K8", True, "The Soviets hoped that by making friends with Germany they would prevent another capitalist invasion."),
 ("K8", False, "The German government hoped the treaty would prevent another French invasion."),
 ("K3", True, "The German government was changing all the time and could not control the economy."),
 ("K3", True, "The Germans had to hand over coal, ships and gold to the Allies, which left their economy in tatters."),
 ("K3", True, "Germany was bankrupt because the Allies demanded billions in compensation."),
 ("K3", False, "The treaty said that both countries gave up their claims to compensation for war damage."),
 ("K7", True, "In the secret annex to their cooperation, the Red Army let the Reichswehr run a gas warfare testing site at Tomka."),
 ("K4", True, "The Soviet state was a pariah because the West could not stomach its communist politics."),
 ("K8", True, "The Soviets believed that the imperialist powers would always be hostile, so dividing them was essential for survival."),
 ("M3", False, "Rapallo did not say that Germany and Russia would fight together."),  # a negated saying says nothing
 ("M3", False, "The treaty did not say what would happen if one was attacked."),
 ("M2", False, "The treaty did not say anything about Poland being divided."),
 ("M3", False, "Rapallo did not mean that Germany and Russia were allies."),
 ("K8", False, "The Soviets did not want to split the capitalist powers."),  # a denied motive, not K8's "could not unite"
 ("K8", False, "The Soviets were not worried about the imperialist powers dividing them."),
 ("K4", False, "The Western governments did not fear communism."),
 ("K8", True, "The Russians did not want to face a united front of capitalist states."),
 ("K8", False, "Russia did not fear that the capitalist countries would gang up on it."),  # a denied fear, not K8's "could not unite"
 ("M3", False, "I do not believe that Rapallo was a military alliance."),  # the writer's own denial
 ("K8", True, "Russia feared that the capitalist countries would gang up on it."),
 ("K3", True, "Germany - weak after WW1 - reparations, inflation."),  # note form, the adjective its root
 ("K4", True, "After the war they did not want to work with Russia because of communism, and they did not want to work with Germany either."),
 ("K2", True, "Both were treated as untouchables by London and Paris."),
 ("M4", True, "Before Rapallo, Germany and Russia were still at war."),
 ("M4", False, "Russia was still at war with Poland in 1920, before the treaty."),
 ("K3", True, "After the war German workers saw their savings wiped out by inflation."),
 ("M2", True, "They planned to attack Poland and take half each."),
 ("M2", False, "Germany lost half of its army and Poland took half of Silesia."),
 ("K3", True, "Germany's coalition governments kept collapsing."),
 ("K3", False, "The Soviet coalition government collapsed in 1918."),
 ("K2", True, "That left two countries without friends, and they decided to be friends with each other."),
 ("K3", True, "The victors made Germany pay enormous sums and took its colonies."),
 ("K3", True, "The Versailles treaty had cut the German army and left the country in debt."),
 ("K3", True, "Germany's economy was smashed by the war debts."),
 ("K3", True, "Germany had lost the war and was paying a fortune in reparations."),
 ("K3", False, "Russia owed enormous sums to French banks."),
 ("K4", True, "The communists were not welcome anywhere in Europe."),
 ("K4", True, "After the war nobody wanted to know Russia, because it was a communist dictatorship."),
 ("K6", True, "Trade was the main reason: German exports in exchange for Soviet raw materials and food, and German factories built in Russia."),
 ("K6", False, "Western leaders did not want anything to do with the Bolsheviks because they had killed the Tsar and taken property from foreign investors."),
 ("K8", True, "The Russians wanted a friendly Germany between themselves and the hostile capitalist West."),
 ("K8", True, "The Soviet leaders used the treaty to make sure Germany would never join a Western attack on them."),
 ("K8", False, "This made Germany friends with Britain and France again."),
 ("K9", True, "Both wanted revenge on the countries that had written the Versailles settlement."),
 ("M2", True, "Russia wanted German machinery to build up its industry. In return Germany got part of Poland."),
 ("M2", False, "Germany got part of Poland's coal in 1921."),
 ("M3", True, "Germany wanted Russian oil and in return promised to defend Russia if it was attacked."),
 ("M3", True, "The treaty made them allies in war and they planned to split Poland."),
 ("M3", False, "Germany's army was too small to defend Germany if it was attacked."),
 ("K2", True, "Germany was a pariah because it had started the war, and Soviet Russia was a pariah because it was communist."),  # each side in turn
 ("K9", True, "Berlin resented the Versailles diktat; Moscow rejected a settlement made without it."),
 ("K9", False, "Germany resented Versailles. Russia was not bothered by Versailles."),
 ("K2", False, "Britain isolated Germany after the war. Russia wanted German machines."),
 ("K1", True, "The treaty was signed in 1922, four years after the Armistice."),
 ("K1", False, "The armistice was signed in 1918."),
 ("K2", True, "Nobody would deal with either of them after the war."),
 ("K2", True, "They had been pushed to the edge of Europe. Germany was treated as a criminal nation, and the Soviet state had no diplomatic ties with the great powers."),
 ("K3", True, "Germany's democracy was weak, with riots, strikes and assassinations."),  # an adjective before the list says something
 ("K3", True, "After losing the war Germany was broke."),
 ("K6", True, "Soviet Russia wanted German firms to build power stations and railways for it."),
 ("K6", True, "Germany bought oil and grain from Russia and Russia bought German machines."),
 ("K6", False, "Germany bought Russian grain and timber."),
 ("M3", True, "Both countries agreed that if one was invaded the other would send troops."),
 ("K9", True, "Moscow and Berlin were united by their rejection of the Versailles system."),
 ("K4", True, "The Western powers were hostile to the Soviet regime because it had called for workers everywhere to overthrow their governments."),
 ("K4", False, "Marx called on workers everywhere to unite."),
 ("M2", True, "Under Rapallo, Poland was cut in two."),
 ("M2", False, "Germany's army was cut in half by Versailles."),
 ("K9", True, "They both felt that the peace made in Paris in 1919 was unjust."),
]


@pytest.mark.parametrize("criterion, expected, text", CASES)
def test_paraphrase_is_marked_like_a_teacher_would(grader, criterion, expected, text):
    report = grader.grade(text)
    assert (criterion in awarded(report) | detected(report)) is expected


# Whole essays, written for these tests, and how a teacher following the scheme would mark them.
ORGANISED = """The Treaty of Rapallo was signed in 1922 by Germany and Soviet Russia. At that time both \
countries were treated as outcasts in Europe. Germany had lost the war and was blamed for it, while \
the Bolsheviks had taken power in Russia and frightened the rest of Europe with their communist ideas.

Germany had many problems after the Treaty of Versailles. It had to pay huge reparations and its \
economy was falling apart. So it needed new partners and new places to trade. Russia had lots of raw \
materials like oil and timber that German factories could use.

The Russians on the other hand needed help to rebuild their country after the civil war. They wanted \
German machines and engineers so that their industry could recover.

There was also a secret side to the treaty. The German army was only allowed 100,000 men under \
Versailles, so German officers went to Russia to train with tanks and planes where nobody could check \
on them.

In conclusion, the two countries signed because they were both isolated and each could give the \
other something it needed."""

CONFUSED = """Rapallo was signed by Hitler and Stalin. It was a military alliance where they promised to \
protect each other. They also agreed to split Poland between them. This was important because it \
started the Second World War."""

STRATEGIC = """The Soviet leaders were worried that Britain and France would team up against them, so \
having Germany as a friend meant the capitalist countries were divided. Both Germany and Russia hated \
the peace settlement made in Paris in 1919 and wanted to tear it up. Some students think Rapallo ended \
the First World War for Russia, but that was actually the Treaty of Brest-Litovsk in 1918."""


def test_an_organised_essay_earns_each_point_it_makes_and_no_other(grader):
    report = grader.grade(ORGANISED)
    # K1 is arguable here (1922 is two sentences away from the war), so either way is accepted.
    assert {"K2", "K3", "K4", "K5", "K6", "K7"} <= awarded(report) <= {"K1", "K2", "K3", "K4", "K5", "K6", "K7"}
    assert not detected(report)


def test_confused_essay_loses_a_mark_per_misconception_and_never_goes_below_zero(grader):
    report = grader.grade(CONFUSED)
    assert detected(report) == {"M1", "M2", "M3"} and not awarded(report)
    assert report.score == 0


def test_a_misconception_reported_as_one_is_not_held_against_the_student(grader):
    report = grader.grade(STRATEGIC)
    assert awarded(report) == {"K8", "K9"} and not detected(report)


#: True statements a student might write that make no point of the scheme and no misconception:
#: a rubric widened with too general a term starts awarding some of them.
OFF_TARGET = [
    "The First World War lasted from 1914 to 1918 and millions of soldiers died.",
    "Lenin led the Bolsheviks to power in 1917.",
    "Germany became a republic after the Kaiser abdicated.",
    "The League of Nations was set up to keep the peace.",
    "Britain and France were the main winners of the war.",
    "The treaty was important and had many reasons.",
    "Germany and Russia had different political systems.",
    "In 1923 French troops occupied the Ruhr.",
    "The Soviet Union was created in 1922.",
    "Hitler came to power in 1933.",
    "The army of Germany was very strong before 1914.",
    "The treaty was signed by foreign ministers Rathenau and Chicherin.",
    "Trade is when countries buy and sell goods.",
    "Communism is an idea where everyone shares everything.",
    "Russia had a lot of oil.",
]


@pytest.mark.parametrize("text", OFF_TARGET)
def test_an_off_target_statement_earns_nothing_and_costs_nothing(grader, text):
    report = grader.grade(text)
    assert not awarded(report) and not detected(report)


#: Whole essays written apart from the dev essays and marked by the scheme before the grader saw
#: them, bundled as a marked sample (docs/written-essays.md records each batch). ``arguable``: points a teacher could give either
#: way (left out of ``score``). ``known_miss``: what the grader gets wrong on that essay, and why.


def _written_rows() -> list[dict]:
    return [json.loads(line) for line in WRITTEN.read_text(encoding="utf-8").splitlines()]


def _written_essays() -> list:
    return [pytest.param(row, id=row["id"], marks=[pytest.mark.xfail(strict=True, reason=row["known_miss"])]
                         if row["known_miss"] else []) for row in _written_rows()]


@pytest.mark.parametrize("essay", _written_essays())
def test_a_written_essay_is_marked_as_the_scheme_marks_it(grader, essay):
    report = grader.grade(essay["text"])
    made, arguable = set(essay["points"]), set(essay["arguable"])
    assert made <= awarded(report) <= made | arguable
    assert detected(report) == set(essay["misconceptions"])


def test_the_bundled_marked_sample_scores_each_essay_by_the_scheme(rubric):
    marks = {p.id: p.marks for p in rubric.points}
    sample = read_marked(WRITTEN, list(marks), max_score=rubric.max_score)
    rows = {row["id"]: row for row in _written_rows()}
    assert len(sample) == len(rows) == 1808
    for essay in sample:
        row = rows[essay.id]
        assert essay.points == frozenset(row["points"])
        assert essay.score == max(0.0, min(10.0, sum(marks[p] for p in row["points"]) - len(row["misconceptions"])))
