{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "devws-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: RELEASE-CHART, or RELEASE alone when it already contains the chart name. */}}
{{- define "devws-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* chart label value: NAME-VERSION */}}
{{- define "devws-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "devws-operator.labels" -}}
helm.sh/chart: {{ include "devws-operator.chart" . }}
{{ include "devws-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: devws
app.kubernetes.io/component: operator
{{- end }}

{{/* Labels the Deployment selects its pods by (immutable: never add to them). */}}
{{- define "devws-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "devws-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* ServiceAccount the operator runs as. */}}
{{- define "devws-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "devws-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Operator image reference. */}}
{{- define "devws-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Sidecar image reference, handed to the operator for every workspace pod. */}}
{{- define "devws-operator.sidecarImage" -}}
{{- printf "%s:%s" .Values.sidecar.image.repository (default .Chart.AppVersion .Values.sidecar.image.tag) }}
{{- end }}


{{/* Probe action for a health path: an HTTP GET by the kubelet, or (mode exec) the same GET from inside the
     container with bash's /dev/tcp, for clusters whose kubelet cannot reach pod IPs. */}}
{{- define "devws-operator.probeAction" -}}
{{- if eq .mode "exec" }}
exec:
  command:
    - bash
    - -c
    - exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET {{ .path }} HTTP/1.0\r\n\r\n' >&3 && head -n 1 <&3 | grep -q ' 200 '
{{- else }}
httpGet:
  path: {{ .path }}
  port: http
{{- end }}
{{- end }}

{{/* Name of the leader-election Lease. */}}
{{- define "devws-operator.leaseName" -}}
{{- default (include "devws-operator.fullname" .) .Values.leaderElection.leaseName }}
{{- end }}

{{/* Pod affinity: the user's affinity, plus anti-affinity between the replicas unless the user set one. */}}
{{- define "devws-operator.affinity" -}}
{{- $affinity := deepCopy .Values.affinity }}
{{- if and (ne .Values.podAntiAffinity.mode "none") (not (hasKey $affinity "podAntiAffinity")) }}
{{- $term := dict "topologyKey" .Values.podAntiAffinity.topologyKey "labelSelector" (dict "matchLabels" (include "devws-operator.selectorLabels" . | fromYaml)) }}
{{- if eq .Values.podAntiAffinity.mode "hard" }}
{{- $_ := set $affinity "podAntiAffinity" (dict "requiredDuringSchedulingIgnoredDuringExecution" (list $term)) }}
{{- else }}
{{- $_ := set $affinity "podAntiAffinity" (dict "preferredDuringSchedulingIgnoredDuringExecution" (list (dict "weight" 100 "podAffinityTerm" $term))) }}
{{- end }}
{{- end }}
{{- if $affinity }}
{{- toYaml $affinity }}
{{- end }}
{{- end }}

{{/* The namespaces the operator watches and holds its rights in: watchNamespaces, else the release namespace. */}}
{{- define "devws-operator.namespaces" -}}
{{- if .Values.operator.watchNamespaces }}
{{- join "," .Values.operator.watchNamespaces }}
{{- else }}
{{- .Release.Namespace }}
{{- end }}
{{- end }}

{{/* The operator's rules for workspaces; charts/devws-operator/README.md justifies each (ChartRenderTest keeps them equal). */}}
{{- define "devws-operator.rules" -}}
- apiGroups: [devws.io]
  resources: [devworkspaces]
  verbs: [get, list, watch, patch]
- apiGroups: [devws.io]
  resources: [devworkspaces/status]
  verbs: [patch]
- apiGroups: [devws.io]
  resources: [devworkspaces/finalizers]
  verbs: [update]
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch, create, patch, delete]
- apiGroups: [""]
  resources: [pods/exec]
  verbs: [create, get]
- apiGroups: [""]
  resources: [persistentvolumeclaims]
  verbs: [get, list, watch, create, patch]
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, create]
- apiGroups: [""]
  resources: [serviceaccounts]
  verbs: [get, list, watch, create, update, patch, delete]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles, rolebindings]
  verbs: [get, list, watch, create, update, patch, delete]
- apiGroups: [coordination.k8s.io]
  resources: [leases]
  verbs: [get, list, watch, create, update, patch, delete]
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
{{- end }}
