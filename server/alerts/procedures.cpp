// The procedure sheets shown with each alert: French Markdown for the technician
// on site. What to check, how to fix it, when to call the vendor.

#include <array>
#include <utility>

#include "server/alerts/rule_catalog.h"

namespace parc::server::alerts {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kSheets{{
    {"disk_smart_failed", R"md(## Disque en échec SMART
**À vérifier** : le disque annonce lui-même sa panne (`smartctl -H`). Les données sont en danger.
1. Sauvegarder tout de suite les données locales (profils, documents hors réseau).
2. Remplacer le disque ; réinstaller le poste depuis l'image maîtresse de l'établissement.
3. **Appeler le constructeur** si le poste est sous garantie : joindre le numéro de série du disque et la sortie de `smartctl -a`.
)md"},
    {"disk_ata_sectors", R"md(## Secteurs défectueux (réalloués, en attente, non corrigibles)
**À vérifier** : si les compteurs augmentent d'un rapport à l'autre, le disque se dégrade.
1. Sauvegarder les données locales.
2. Compteurs stables et faibles : surveiller ; compteurs qui montent : planifier le remplacement.
3. Lancer un test long (`smartctl -t long`) hors des heures de cours.
4. Sous garantie : **ouvrir un ticket constructeur** avec la sortie de `smartctl -a`.
)md"},
    {"nvme_critical_warning", R"md(## SSD NVMe : avertissement critique
**À vérifier** : le champ *critical warning* du journal de santé NVMe n'est pas nul (réserve, température, fiabilité ou lecture seule).
1. Sauvegarder les données ; un SSD en lecture seule ne démarre parfois plus.
2. Vérifier la ventilation du poste.
3. Remplacer le SSD ; **appeler le constructeur** s'il est sous garantie.
)md"},
    {"nvme_spare_low", R"md(## SSD NVMe : réserve de blocs sous le seuil
**À vérifier** : *available spare* est passé sous le seuil du fabricant ; le SSD arrive en fin de vie.
1. Sauvegarder les données.
2. Planifier le remplacement du SSD dans les jours qui viennent.
3. Sous garantie : **appeler le constructeur**.
)md"},
    {"nvme_wear", R"md(## SSD NVMe : usure avancée
**À vérifier** : *percentage used* approche 100 %. Le SSD reste utilisable mais sa durée d'écriture garantie est presque consommée.
1. Prévoir le remplacement au prochain passage (vacances scolaires).
2. Vérifier qu'aucun logiciel n'écrit en continu (journaux, caches, swap).
)md"},
    {"nvme_media_errors", R"md(## SSD NVMe : erreurs de support
**À vérifier** : des erreurs d'intégrité de données ont été détectées par le contrôleur.
1. Sauvegarder les données.
2. Si le nombre augmente : remplacer le SSD ; **appeler le constructeur** s'il est sous garantie.
)md"},
    {"filesystem_full", R"md(## Système de fichiers presque plein
**À vérifier** : quel répertoire grossit (`du -xh --max-depth=2 /`), souvent les profils, les téléchargements, les journaux ou le cache des mises à jour.
1. Vider la corbeille et les téléchargements des sessions élèves ; nettoyer le cache (`apt clean`).
2. Vérifier la rotation des journaux (`journalctl --vacuum-size=200M`).
3. Si le disque est trop petit pour l'usage : prévoir un disque plus grand.
)md"},
    {"battery_worn", R"md(## Batterie usée
**À vérifier** : la capacité pleine charge est très inférieure à la capacité d'origine ; l'autonomie ne tient plus une heure de cours.
1. Confirmer avec l'enseignant (le portable s'éteint-il en classe ?).
2. Commander une batterie compatible (référence du modèle dans l'inventaire).
3. Sous garantie : **appeler le constructeur**. Une batterie gonflée se retire immédiatement.
)md"},
    {"temperature_high", R"md(## Température élevée persistante
**À vérifier** : ventilateurs, grilles d'aération bouchées (poussière), poste collé à un radiateur ou au soleil.
1. Dépoussiérer (bombe à air, poste éteint).
2. Vérifier que le ventilateur tourne ; le remplacer sinon.
3. Portable : renouveler la pâte thermique si la température reste haute. Sous garantie : **appeler le constructeur**.
)md"},
    {"projector_error", R"md(## Vidéoprojecteur : erreur signalée (PJLink)
**À vérifier** selon le composant : lampe, ventilateur, température, capot, filtre.
1. Filtre : nettoyer ou remplacer le filtre, puis remettre le compteur à zéro.
2. Température ou ventilateur : dégager les aérations, dépoussiérer ; laisser refroidir avant de rallumer.
3. Capot : vérifier que le capot de lampe est bien fermé.
4. Lampe : remplacer la lampe (référence du modèle dans l'inventaire).
5. L'erreur persiste : **appeler le constructeur ou l'intégrateur** avec le modèle et le numéro de série.
)md"},
    {"projector_lamp_hours", R"md(## Lampe en fin de vie
**À vérifier** : les heures de lampe approchent la durée de vie nominale ; l'image s'assombrit et la lampe peut éclater.
1. Commander une lampe de remplacement (référence du modèle).
2. Remplacer la lampe au prochain passage et remettre son compteur à zéro.
)md"},
    {"projector_unreachable", R"md(## Vidéoprojecteur injoignable
**À vérifier** : le vidéoprojecteur est-il alimenté (multiprise coupée, interrupteur général de la salle) ? Le câble réseau est-il branché ?
1. Vérifier l'adresse IP dans le menu réseau du vidéoprojecteur (elle a pu changer) et la configuration de l'agent du poste de la salle.
2. Vérifier que PJLink est activé (et son mot de passe).
3. Vidéoprojecteur qui ne s'allume plus : **appeler l'intégrateur**.
)md"},
    {"kit_gone", R"md(## TNI : stylet ou contrôleur tactile disparu
**À vérifier** : le câble USB du tableau interactif ou du stylet est-il débranché, le récepteur retiré ?
1. Rebrancher le câble USB sur le poste de la salle ; essayer un autre port.
2. Vérifier l'alimentation du tableau ou de l'écran interactif.
3. Matériel absent de la salle : signaler à la direction (perte ou vol possible). Panne : **appeler l'intégrateur**.
)md"},
    {"component_removed", R"md(## Barrette mémoire ou disque retiré
**Attention** : un composant a disparu de l'inventaire du poste. Vol possible, ou échange lors d'une réparation.
1. Vérifier dans le journal des interventions si un technicien est intervenu sur ce poste.
2. Sinon, contrôler le poste sur place et **prévenir la direction de l'établissement**.
3. Résoudre l'alerte avec une note qui explique ce qui s'est passé.
)md"},
    {"serial_changed", R"md(## Numéro de série de la machine changé
**Attention** : le poste qui rapporte sous cette identité a un autre numéro de série : carte mère remplacée, disque déplacé dans une autre machine, ou machine échangée.
1. Vérifier le journal des interventions (réparation sous garantie ?).
2. Sinon, contrôler sur place l'étiquette du poste et **prévenir la direction** (vol ou échange possible).
3. Résoudre avec une note.
)md"},
    {"device_silent", R"md(## Poste silencieux
**À vérifier** : le poste n'a pas envoyé de rapport depuis plusieurs jours d'école (week-ends, vacances et fermetures ne comptent pas).
1. Le poste est-il allumé, branché au réseau ? A-t-il été déplacé ou prêté ?
2. Vérifier le service : `systemctl status parc-agent` et `parc-agent status`.
3. Poste réformé ou volé : le signaler et changer son statut dans l'inventaire.
)md"},
    {"site_offline", R"md(## Établissement hors ligne
**À vérifier** : presque tous les postes de l'établissement se sont tus en même temps : coupure du réseau, du lien internet ou de l'électricité, plutôt qu'une panne des postes.
1. Appeler l'établissement (secrétariat, référent numérique) : y a-t-il du courant, internet ?
2. Vérifier le routeur et le pare-feu de l'établissement, puis le lien de l'opérateur : **ouvrir un ticket chez l'opérateur** si la ligne est coupée.
3. Les alertes « poste silencieux » de l'établissement sont retenues tant que celle-ci est ouverte.
)md"},
}};

}  // namespace

std::string_view procedureSheet(std::string_view id) {
  for (const auto& [rule, sheet] : kSheets) {
    if (rule == id) return sheet;
  }
  return {};
}

}  // namespace parc::server::alerts
